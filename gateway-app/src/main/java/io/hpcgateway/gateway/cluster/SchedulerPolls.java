package io.hpcgateway.gateway.cluster;

import io.hpcgateway.gateway.platform.ApiException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How each cluster's scheduler answered the last time the gateway asked (a reconcile poll or a
 * health probe), for health and for {@code hpc_scheduler_connected} and
 * {@code hpc_scheduler_poll_duration_seconds}.
 */
@ApplicationScoped
public class SchedulerPolls {

    /** One poll's outcome; {@code problem} names what failed: connection, authentication or queue_access. */
    public record Poll(Instant at, boolean ok, String problem, String detail, int activeJobs) {}

    private final MeterRegistry registry;
    private final Map<String, Poll> last = new ConcurrentHashMap<>();

    SchedulerPolls(MeterRegistry registry, Clusters clusters) {
        this.registry = registry;
        for (Cluster cluster : clusters.all()) {
            Gauge.builder("hpc.scheduler.connected", this, polls -> polls.connected(cluster.name()))
                    .description("1 when the cluster's scheduler answered the last poll").tag("cluster", cluster.name())
                    .register(registry);
            // What the gateway costs the cluster: every call, the reconciler's polls and users' requests alike.
            FunctionCounter.builder("hpc.cluster.calls", cluster, Cluster::calls)
                    .description("Calls made to the cluster's API").tag("cluster", cluster.name()).register(registry);
        }
    }

    public void succeeded(Cluster cluster, Duration took, int activeJobs) {
        timer(cluster).record(took);
        last.put(cluster.name(), new Poll(Instant.now(), true, null, null, activeJobs));
    }

    /**
     * A call that needed the scheduler answered outside a poll (the capacity refresh): it counts
     * for health, not in the poll timer; the active-job count stays.
     */
    public void answered(Cluster cluster) {
        int active = last(cluster.name()).map(Poll::activeJobs).orElse(0);
        last.put(cluster.name(), new Poll(Instant.now(), true, null, null, active));
    }

    public void failed(Cluster cluster, Duration took, RuntimeException failure) {
        timer(cluster).record(took);
        unanswered(cluster, failure);
    }

    /** A call that needed the scheduler failed outside a poll (the capacity refresh). */
    public void unanswered(Cluster cluster, RuntimeException failure) {
        String problem = failure instanceof ClusterUnavailableException ? "connection"
                : failure instanceof ApiException api && (api.status() == 401 || api.status() == 403) ? "authentication"
                : "queue_access";
        int active = last(cluster.name()).map(Poll::activeJobs).orElse(0);
        last.put(cluster.name(), new Poll(Instant.now(), false, problem, failure.getMessage(), active));
    }

    public Optional<Poll> last(String cluster) {
        return Optional.ofNullable(last.get(cluster));
    }

    private double connected(String cluster) {
        return last(cluster).map(poll -> poll.ok() ? 1.0 : 0.0).orElse(0.0);
    }

    private Timer timer(Cluster cluster) {
        return Timer.builder("hpc.scheduler.poll.duration").description("One poll of a cluster's scheduler")
                .tag("cluster", cluster.name()).register(registry);
    }
}
