package io.hpcgateway.cli.config;

import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import io.hpcgateway.cli.http.Gateway;
import io.hpcgateway.cli.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The effective settings and where each comes from. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Show the settings in effect and where each comes from (option, environment, file, default).",
        footerHeading = "%nExamples:%n", footer = {"  hpcgw config", "  HPCGW_GATEWAY=https://gw.example.org hpcgw config"})
public final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Session session = Session.of(spec);
        var rows = Gateway.JSON.valueToTree(session.config().describe(session.options()).values());
        session.output().print(rows, Table.of("SETTING", "/setting", "VALUE", "/value", "FROM", "/from"));
        return ExitCodes.OK;
    }
}
