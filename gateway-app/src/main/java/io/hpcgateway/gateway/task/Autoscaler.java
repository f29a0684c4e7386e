package io.hpcgateway.gateway.task;

import io.hpcgateway.gateway.cluster.Clusters;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Seed 003's worker creator, on SLURM (on Kubernetes, {@link KubernetesPools}): every {@code gateway.tasks.scale-interval} it measures
 * the outstanding work per owner and image and starts pilots where too few workers fit it, as
 * HyperQueue's autoalloc does: enough that the work drains within {@code target-drain}, at least
 * one while any task waits, within the per-user and global caps. A worker counts only if its
 * time left fits the shortest waiting task. Scaling down is the workers' own: one without a
 * task for {@code idle-timeout} leaves, and its pilot ends.
 */
@ApplicationScoped
public class Autoscaler {

    private static final Logger LOG = Logger.getLogger(Autoscaler.class);
    /** Pilots that fail to start, in {@link #FAILED_START_WINDOW}, before no more are started for that work. */
    static final int FAILED_STARTS_TO_PAUSE = 3;
    static final Duration FAILED_START_WINDOW = Duration.ofMinutes(10);

    private final TaskConfig config;
    private final OutstandingWork outstanding;
    private final TaskMetrics metrics;
    private final Workers workers;
    private final Pilots pilots;
    private final Clusters clusters;
    private final KubernetesPools kubernetesPools;

    Autoscaler(TaskConfig config, OutstandingWork outstanding, TaskMetrics metrics, Workers workers, Pilots pilots,
               Clusters clusters, KubernetesPools kubernetesPools) {
        this.kubernetesPools = kubernetesPools;
        this.config = config;
        this.outstanding = outstanding;
        this.metrics = metrics;
        this.workers = workers;
        this.pilots = pilots;
        this.clusters = clusters;
    }

    @Scheduled(every = "${gateway.tasks.scale-interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void cycle() {
        List<OutstandingWork.Demand> demands = outstanding.measure();
        metrics.measured(demands);
        if (!config.autoscale()) {
            return;
        }
        if (config.kubernetes().enabled()) {
            kubernetesPools.reconcile(demands);
            return;
        }
        Map<List<String>, Integer> fitting = new HashMap<>();
        Instant now = Instant.now();
        Map<List<String>, Double> shortest = new HashMap<>();
        demands.forEach(d -> shortest.put(key(d.owner(), d.cluster(), d.image()), d.shortestQueued()));
        for (TaskWorker worker : workers.counting()) {
            List<String> key = key(worker.owner, worker.cluster, worker.image);
            double needed = shortest.getOrDefault(key, 0.0);
            if (worker.deadline == null || worker.deadline.isAfter(now.plusMillis((long) (needed * 1000)))) {
                fitting.merge(key, 1, Integer::sum);
            }
        }
        for (OutstandingWork.Demand demand : demands) {
            if (demand.queued() == 0) {
                continue;
            }
            if (!clusters.get(demand.cluster()).actsForUsersOutsideRequests()) {
                LOG.debugf("Cluster %s does not let the gateway act for users outside their requests: no pilots "
                        + "for %s; a worker they run themselves (POST /api/v2/tasks/workers) takes their tasks",
                        demand.cluster(), demand.owner());
                continue;
            }
            if (workers.failedStarts(demand.owner(), demand.cluster(), demand.image(), now.minus(FAILED_START_WINDOW))
                    >= FAILED_STARTS_TO_PAUSE) {
                // Pilots whose worker never calls (a worker command missing on the nodes, say) would be started
                // every cycle; their workers' end reasons, which the user sees, say why.
                LOG.debugf("The last %d pilots for %s's %s tasks never started: none more for %s", FAILED_STARTS_TO_PAUSE,
                        demand.owner(), demand.image(), FAILED_START_WINDOW);
                continue;
            }
            int start = wanted(demand, fitting.getOrDefault(key(demand.owner(), demand.cluster(), demand.image()), 0));
            for (int i = 0; i < start && workers.room(demand.owner()) > 0; i++) {
                pilots.start(demand);
            }
        }
    }

    /** Workers to add for the demand, before the caps: the drain target's share minus those that fit. */
    int wanted(OutstandingWork.Demand demand, int fitting) {
        double drainSeconds = Math.max(1, config.targetDrain().toSeconds());
        int desired = (int) Math.max(1, Math.ceil(demand.seconds() / drainSeconds));
        return Math.max(0, Math.min(desired, config.maxWorkersPerUser()) - fitting);
    }

    private static List<String> key(String owner, String cluster, String image) {
        return List.of(owner, cluster, image);
    }
}
