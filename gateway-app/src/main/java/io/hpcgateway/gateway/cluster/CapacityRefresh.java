package io.hpcgateway.gateway.cluster;

import io.hpcgateway.gateway.platform.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads each cluster's capacity on its own, slower interval than the reconciler's
 * ({@code gateway.placement.capacity-interval}): its nodes, its partitions, and every user's jobs
 * of the last minute for the queue depth per partition. Three calls per cluster and cycle, counted
 * in {@code hpc_capacity_refresh_calls_total}; placement reads only what this cached, so placing a
 * job costs the schedulers nothing. The outcome also counts as a poll of the scheduler, for health.
 */
@ApplicationScoped
public class CapacityRefresh {

    private static final Duration QUEUE_WINDOW = Duration.ofMinutes(1);

    private final Clusters clusters;
    private final ClusterCalls calls;
    private final SchedulerPolls polls;
    private final MeterRegistry registry;
    private final Map<String, ClusterCapacity> last = new ConcurrentHashMap<>();

    CapacityRefresh(Clusters clusters, ClusterCalls calls, SchedulerPolls polls, MeterRegistry registry) {
        this.clusters = clusters;
        this.calls = calls;
        this.polls = polls;
        this.registry = registry;
    }

    @Scheduled(every = "${gateway.placement.capacity-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void cycle() {
        clusters.eachIndependently("Reading the capacity", this::refresh);
    }

    /** The capacity as last read, or empty before the first read. */
    public Optional<ClusterCapacity> of(String cluster) {
        return Optional.ofNullable(last.get(cluster));
    }

    /** Forgets a cluster that was deregistered. */
    void forget(String cluster) {
        last.remove(cluster);
    }

    /** Reads one cluster's capacity now and keeps it. */
    public ClusterCapacity refresh(Cluster cluster) {
        Counter counted = Counter.builder("hpc.capacity.refresh.calls")
                .description("Calls the capacity refresh made to the cluster").tag("cluster", cluster.name())
                .register(registry);
        ClusterCapacity capacity;
        try {
            capacity = read(cluster, counted, Instant.now());
            polls.answered(cluster);
        } catch (ApiException e) {
            polls.unanswered(cluster, e);
            capacity = ClusterCapacity.unreachable(Instant.now(), polls.last(cluster.name()).map(SchedulerPolls.Poll::problem)
                    .orElse("connection"), last.get(cluster.name()));
        }
        last.put(cluster.name(), capacity);
        return capacity;
    }

    private ClusterCapacity read(Cluster cluster, Counter counted, Instant at) {
        counted.increment();
        List<Firecrest.Node> nodes = calls.nodes(cluster);
        counted.increment();
        List<Firecrest.Partition> partitions = calls.partitions(cluster);
        counted.increment();
        List<Firecrest.Job> jobs = calls.allJobs(cluster, QUEUE_WINDOW);
        Map<String, int[]> queue = new HashMap<>(); // partition -> {pending, running}
        for (Firecrest.Job job : jobs) {
            String state = job.status() == null || job.status().state() == null ? "" : job.status().state();
            int slot = state.startsWith("PENDING") ? 0 : state.startsWith("RUNNING") ? 1 : -1;
            if (slot >= 0 && job.partition() != null) {
                queue.computeIfAbsent(job.partition(), p -> new int[2])[slot]++;
            }
        }
        int idle = 0;
        int allocated = 0;
        int down = 0;
        int cpusTotal = 0;
        int cpusIdle = 0;
        for (Firecrest.Node node : nodes) {
            String state = node.state() == null ? "" : String.join("+", node.state()).toUpperCase(Locale.ROOT);
            if (state.contains("DOWN") || state.contains("DRAIN") || state.contains("FAIL") || state.contains("NOT_RESPONDING")) {
                down++;
                continue;
            }
            int cpus = node.cpus() == null ? 0 : node.cpus();
            int nodeIdle = node.idleCpus() != null ? node.idleCpus()
                    : node.allocCpus() != null ? Math.max(0, cpus - node.allocCpus()) : state.contains("IDLE") ? cpus : 0;
            cpusTotal += cpus;
            cpusIdle += nodeIdle;
            if (state.contains("IDLE")) {
                idle++;
            } else {
                allocated++;
            }
        }
        List<ClusterCapacity.PartitionCapacity> byPartition = new ArrayList<>();
        for (Firecrest.Partition partition : partitions) {
            int[] counts = queue.getOrDefault(partition.name(), new int[2]);
            byPartition.add(new ClusterCapacity.PartitionCapacity(partition.name(), Boolean.TRUE.equals(partition.isDefault()),
                    stateText(partition), orZero(partition.totalNodes()), orZero(partition.cpus()), partition.maxTime(),
                    SlurmTimeLimit.minutes(partition.maxTime()), counts[0], counts[1]));
        }
        return new ClusterCapacity(at, true, null, idle, allocated, down, cpusTotal, cpusIdle, List.copyOf(byPartition));
    }

    private static String stateText(Firecrest.Partition partition) {
        if (partition.state() == null || partition.state().isNull()) {
            return null;
        }
        if (partition.state().isArray()) {
            List<String> words = new ArrayList<>();
            partition.state().forEach(word -> words.add(word.asText()));
            return String.join(",", words);
        }
        return partition.state().asText();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
