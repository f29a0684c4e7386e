package io.hpcgateway.gateway.monitoring;

import io.hpcgateway.gateway.cluster.Cluster;
import io.hpcgateway.gateway.cluster.ClusterCalls;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.cluster.SchedulerPolls;
import io.hpcgateway.gateway.job.JobStore;
import io.hpcgateway.gateway.platform.ApiException;
import io.hpcgateway.gateway.usage.UsageMeters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness per cluster, with seed 001's health-check lines: connection, authentication, queue
 * access, last job poll, active jobs, pending usage reports. The last reconcile poll answers when
 * it is recent; otherwise the cluster is probed (one job list), at most every {@link #FRESH} per
 * cluster.
 */
@Readiness
@ApplicationScoped
public class ClusterHealth implements HealthCheck {

    static final Duration FRESH = Duration.ofSeconds(30);

    private final Clusters clusters;
    private final ClusterCalls calls;
    private final SchedulerPolls polls;
    private final JobStore jobs;
    private final UsageMeters usage;

    ClusterHealth(Clusters clusters, ClusterCalls calls, SchedulerPolls polls, JobStore jobs, UsageMeters usage) {
        this.usage = usage;
        this.clusters = clusters;
        this.calls = calls;
        this.polls = polls;
        this.jobs = jobs;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("clusters").up();
        for (Map<String, Object> cluster : report()) {
            // The public probe shows the seed's lines; error details are for admins (/api/v2/admin/health).
            StringBuilder lines = new StringBuilder();
            cluster.forEach((key, value) -> {
                if (!key.equals("cluster") && !key.equals("error")) {
                    lines.append(lines.length() == 0 ? "" : ", ").append(key).append(": ").append(value);
                }
            });
            response.withData(String.valueOf(cluster.get("cluster")), lines.toString());
            if (!"OK".equals(cluster.get("connection")) || !"OK".equals(cluster.get("queue_access"))) {
                response.down();
            }
        }
        return response.build();
    }

    /** One entry per cluster, as seed 001's health check prints them. */
    public List<Map<String, Object>> report() {
        return clusters.all().stream().map(this::report).toList();
    }

    private Map<String, Object> report(Cluster cluster) {
        SchedulerPolls.Poll poll = polls.last(cluster.name())
                .filter(last -> last.at().isAfter(Instant.now().minus(FRESH)))
                .orElseGet(() -> probe(cluster));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("cluster", cluster.name());
        line.put("system", cluster.system());
        // The gateway renders SLURM batch scripts (#SBATCH), so every cluster it drives runs SLURM.
        line.put("scheduler_type", "SLURM");
        line.put("connection", poll.ok() || !"connection".equals(poll.problem()) ? "OK" : "FAILED");
        line.put("authentication", poll.ok() || "queue_access".equals(poll.problem()) ? "OK"
                : "connection".equals(poll.problem()) ? "UNKNOWN" : "FAILED");
        line.put("queue_access", poll.ok() ? "OK" : "queue_access".equals(poll.problem()) ? "FAILED" : "UNKNOWN");
        line.put("last_job_poll", poll.at().toString());
        line.put("active_jobs", jobs.active(cluster.name()));
        line.put("pending_reports", usage.pending(cluster.name()));
        if (!poll.ok()) {
            line.put("error", poll.detail());
        }
        return line;
    }

    private SchedulerPolls.Poll probe(Cluster cluster) {
        long start = System.nanoTime();
        try {
            calls.probe(cluster);
            polls.succeeded(cluster, Duration.ofNanos(System.nanoTime() - start), (int) jobs.active(cluster.name()));
        } catch (ApiException e) {
            polls.failed(cluster, Duration.ofNanos(System.nanoTime() - start), e);
        }
        return polls.last(cluster.name()).orElseThrow();
    }
}
