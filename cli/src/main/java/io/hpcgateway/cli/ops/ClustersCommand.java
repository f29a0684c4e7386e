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
        description = "List the clusters: region, prices (basis points of the rate card), idle CPUs and jobs pending "
                + "as last read, and the last scheduler poll's outcome.",
        footerHeading = "%nExamples:%n", footer = {"  hpcgw clusters", "  hpcgw clusters -o json"})
public final class ClustersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Session session = Session.of(spec);
        session.output().print(session.gateway().get("/api/v2/clusters"), Table.of("NAME", "/name", "SYSTEM",
                "/system", "DEFAULT", "/isDefault", "REGION", "/region", "RATE BPS", "/rateBps", "PLACED", "/placement",
                "GPUS/NODE", "/gpusPerNode", "IDLE CPUS", "/capacity/cpusIdle", "CPUS", "/capacity/cpusTotal", "STATUS",
                "/status", "LAST POLL", "/lastPoll"));
        return ExitCodes.OK;
    }
}
