package io.hpcgateway.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Seed 001's health check: scheduler connectivity per cluster (role admin). */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Scheduler connectivity of every cluster, as seed 001's health check prints it (role admin). "
                + "Exits 7 when a cluster or the database is not OK.",
        footerHeading = "%nExamples:%n", footer = {"  hpcgw health", "  hpcgw health -o json"})
public final class HealthCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Session session = Session.of(spec);
        JsonNode report = session.gateway().get("/api/v2/admin/health");
        boolean healthy = "OK".equals(report.path("database").asText());
        for (JsonNode cluster : report.path("clusters")) {
            healthy &= "OK".equals(cluster.path("connection").asText())
                    && "OK".equals(cluster.path("authentication").asText())
                    && "OK".equals(cluster.path("queue_access").asText());
        }
        if (session.output().isTable()) {
            print(report, session.output().out());
        } else {
            session.output().print(report, null);
        }
        return healthy ? ExitCodes.OK : ExitCodes.SERVER;
    }

    private static void print(JsonNode report, PrintStream out) {
        out.println("Database: " + report.path("database").asText());
        for (JsonNode cluster : report.path("clusters")) {
            out.println();
            out.println("Cluster: " + cluster.path("cluster").asText() + " (system " + cluster.path("system").asText() + ")");
            out.println("Scheduler Type: " + cluster.path("scheduler_type").asText());
            out.println("Connection: " + cluster.path("connection").asText());
            out.println("Authentication: " + cluster.path("authentication").asText());
            out.println("Queue Access: " + cluster.path("queue_access").asText());
            out.println("Last Job Poll: " + cluster.path("last_job_poll").asText());
            out.println("Active Jobs: " + cluster.path("active_jobs").asText());
            out.println("Pending Reports: " + cluster.path("pending_reports").asText());
            if (cluster.hasNonNull("error")) {
                out.println("Error: " + cluster.path("error").asText());
            }
        }
        out.flush();
    }
}
