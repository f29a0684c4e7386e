package io.hpcgateway.cli.billing;

import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import io.hpcgateway.cli.http.Gateway;
import io.hpcgateway.cli.http.Query;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Disputes a job's charge; an admin resolves it. */
@Command(name = "dispute", mixinStandardHelpOptions = true, description = "Dispute a job's charge.",
        footerHeading = "%nExamples:%n", footer = "  hpcgw dispute JOB --reason 'the node failed mid-run'")
public final class DisputeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB", description = "The job's id")
    String job;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why the charge is wrong")
    String reason;

    @Override
    public Integer call() {
        Session session = Session.of(spec);
        var dispute = session.gateway().post("/api/v2/jobs/" + Query.segment(job) + "/charges/disputes",
                Gateway.JSON.createObjectNode().put("reason", reason));
        session.output().done(dispute, "Dispute " + dispute.path("id").asText() + " opened for job " + job);
        return ExitCodes.OK;
    }
}
