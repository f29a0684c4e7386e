package io.hpcgateway.cli.auth;

import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The caller's account as the gateway knows it. */
@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Show your account: subject, name, e-mail, Unix account on the clusters, roles.",
        footerHeading = "%nExamples:%n", footer = {"  hpcgw whoami", "  hpcgw whoami -o json | jq -r .clusterUser"})
public final class WhoamiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Session session = Session.of(spec);
        session.output().print(session.gateway().get("/api/v2/me"));
        return ExitCodes.OK;
    }
}
