package io.hpcgateway.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import io.hpcgateway.cli.http.Query;
import io.hpcgateway.cli.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Why a job went where it went: its scheduling decision, one line per cluster considered. */
@Command(name = "placement", mixinStandardHelpOptions = true,
        description = "Why the gateway placed the job where it did: every cluster it considered, why one could not "
                + "take the job, the scores of those that could, and the one chosen.",
        footerHeading = "%nExamples:%n", footer = {"  hpcgw jobs placement JOB", "  hpcgw jobs placement JOB -o json"})
final class JobPlacement implements Callable<Integer> {

    private static final Table CANDIDATES = Table.of("CLUSTER", "/cluster", "REGION", "/region", "ELIGIBLE",
            "/eligible", "SCORE", "/score", "CAPACITY", "/capacity", "QUEUE", "/queue", "PRICE", "/price",
            "PROXIMITY", "/proximity", "ESTIMATE", "/estimate", "WHY NOT", "/unfit");

    @Spec CommandSpec spec;
    @Parameters(paramLabel = "JOB") String id;

    @Override
    public Integer call() {
        Session session = Session.of(spec);
        JsonNode job = session.gateway().get(JobsCommand.path(id));
        if (!job.hasNonNull("schedulingDecision")) {
            throw new CliException(ExitCodes.NOT_FOUND, "Job " + id + " was made for cluster '" + job.path("cluster").asText()
                    + "' by name: there was nothing to decide");
        }
        JsonNode decision = session.gateway().get("/api/v2/scheduling-decisions/"
                + Query.segment(job.get("schedulingDecision").asText()));
        if (session.output().isTable()) {
            session.output().out().println(decision.path("reason").asText());
            session.output().print(decision.path("candidates"), CANDIDATES);
        } else {
            session.output().print(decision);
        }
        return ExitCodes.OK;
    }
}
