package io.hpcgateway.gateway.usage;

import io.hpcgateway.gateway.cluster.Cluster;
import io.hpcgateway.gateway.cluster.Clusters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seed 001's usage series, by cluster: {@code hpc_usage_reports_sent_total} (records written) and
 * {@code hpc_pending_usage_reports} (finished jobs whose final record awaits accounting, as of the
 * last reporter cycle), which the backlog alert watches.
 */
@ApplicationScoped
public class UsageMeters {

    private final MeterRegistry registry;
    private final Clusters clusters;
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();

    UsageMeters(MeterRegistry registry, Clusters clusters) {
        this.registry = registry;
        this.clusters = clusters;
    }

    void register(@Observes StartupEvent event) {
        clusters.all().stream().map(Cluster::name).forEach(this::pendingOf);
    }

    void sent(UsageRecord record) {
        registry.counter("hpc.usage.reports.sent", "cluster", record.clusterId).increment();
    }

    void pending(String cluster, long count) {
        pendingOf(cluster).set(count);
    }

    /** Finished jobs of the cluster still waiting for their final usage record. */
    public long pending(String cluster) {
        return pendingOf(cluster).get();
    }

    private AtomicLong pendingOf(String cluster) {
        return pending.computeIfAbsent(cluster, name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("hpc.pending.usage.reports", value, AtomicLong::get)
                    .description("Finished jobs whose final usage record awaits the scheduler's accounting")
                    .tag("cluster", name).register(registry);
            return value;
        });
    }
}
