package io.hpcgateway.cli.ops;

import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import io.hpcgateway.cli.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The clusters jobs can go to. */
@Command(name = "clusters", mixinStandardHelpOptions = true,
        description = "List the clusters, with the last scheduler poll's outcome.",
        footerHeading = "%nExamples:%n", footer = {"  hpcgw clusters", "  hpcgw clusters -o json"})
public final class ClustersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Session session = Session.of(spec);
        session.output().print(session.gateway().get("/api/v2/clusters"), Table.of("NAME", "/name", "SYSTEM",
                "/system", "DEFAULT", "/isDefault", "GPUS/NODE", "/gpusPerNode", "STATUS", "/status", "LAST POLL",
                "/lastPoll"));
        return ExitCodes.OK;
    }
}
