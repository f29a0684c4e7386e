package io.hpcgateway.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Follows a job until it ends; the exit code is its outcome. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Print the job's state as it changes until it ends. Exits 0 when it completed, 1 when it "
                + "failed, was cancelled or timed out (its own exit code is printed).",
        footerHeading = "%nExamples:%n", footer = {"  hpcgw jobs watch JOB && echo done",
                "  hpcgw jobs watch JOB -o json | jq .exitCode"})
public final class WatchJob implements Callable<Integer> {

    static final Set<String> FINAL = Set.of("completed", "failed", "cancelled", "timeout");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB")
    String id;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "How often to ask the gateway (default ${DEFAULT-VALUE} s)")
    double interval;

    @Override
    public Integer call() {
        Session session = Session.of(spec);
        String last = null;
        while (true) {
            JsonNode job = session.gateway().get(JobsCommand.path(id));
            String state = job.path("state").asText();
            if (!state.equals(last) && session.output().isTable()) {
                session.output().out().println(Instant.now() + "  " + state + (job.hasNonNull("stateReason")
                        ? "  " + job.path("stateReason").asText() : ""));
                session.output().out().flush();
            }
            last = state;
            if (FINAL.contains(state)) {
                if (session.output().isTable()) {
                    session.output().out().println("exit code " + job.path("exitCode").asText("-"));
                } else {
                    session.output().print(job, null);
                }
                return state.equals("completed") ? ExitCodes.OK : ExitCodes.JOB_UNSUCCESSFUL;
            }
            pause(interval);
        }
    }

    /** The watch's own pace between two looks at the job (a user-facing poll, not a synchronisation). */
    static void pause(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(130, "Interrupted");
        }
    }
}
