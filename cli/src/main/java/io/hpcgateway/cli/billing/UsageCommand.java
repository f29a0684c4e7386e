package io.hpcgateway.cli.billing;

import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import io.hpcgateway.cli.http.Query;
import io.hpcgateway.cli.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Signed usage records: a user's own, every customer's for providers and admins. */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "Your signed usage records, oldest first (providers and admins: every customer's).",
        footerHeading = "%nExamples:%n", footer = {"  hpcgw usage", "  hpcgw usage --since 2026-11-01T00:00:00Z -o json"})
public final class UsageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--since", paramLabel = "INSTANT", description = "Records written at or after this ISO-8601 instant")
    String since;

    @Option(names = "--limit", paramLabel = "N", description = "At most N records (1-1000; default 100)")
    Integer limit;

    @Override
    public Integer call() {
        Session session = Session.of(spec);
        session.output().print(session.gateway().get("/api/v2/usage" + Query.of("since", since, "limit", limit)),
                Table.of("JOB", "/job_id", "CLUSTER", "/cluster_id", "PERIOD END", "/period_end", "FINAL", "/is_final",
                        "STATE", "/job_state", "WALL S", "/metrics/wall_clock_seconds", "CPU·S",
                        "/metrics/cpu_core_seconds"));
        return ExitCodes.OK;
    }
}
