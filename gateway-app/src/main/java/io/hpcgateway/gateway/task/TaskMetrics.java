package io.hpcgateway.gateway.task;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The farm on {@code /q/metrics}, by image reference: {@code hpc_task_outstanding_seconds{image,pool}}
 * (the estimated execution time of queued and leased tasks per task pool, {@link TaskPool#idOf}: what
 * KEDA scales a pool's pods on; sum over {@code pool} for an image's),
 * {@code hpc_task_queue_depth{state}} and {@code hpc_tasks_finished_total{status}}. The gauges
 * show the last measurement ({@link OutstandingWork}), taken every {@code gateway.tasks.scale-interval}.
 */
@ApplicationScoped
public class TaskMetrics {

    private final MeterRegistry registry;
    private final TaskMapper mapper;
    /**
     * Seconds (in thousandths) per image and pool, as last measured: a pool's gauge goes when its
     * work does (KEDA reads a missing series as 0), so that users who come and go do not pile up
     * series. Depths per image stay, at 0, once seen.
     */
    private final Map<List<String>, PoolGauge> outstanding = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> queued = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> leased = new ConcurrentHashMap<>();

    TaskMetrics(MeterRegistry registry, TaskMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    void measured(List<OutstandingWork.Demand> demands) {
        Map<String, long[]> byImage = new HashMap<>();
        Map<List<String>, Long> byPool = new HashMap<>();
        for (OutstandingWork.Demand d : demands) {
            long[] sum = byImage.computeIfAbsent(reference(d.image()), k -> new long[2]);
            sum[0] += d.queued();
            sum[1] += d.leased();
            byPool.merge(List.of(reference(d.image()), TaskPool.idOf(d.owner(), d.cluster(), d.image())),
                    Math.round(d.seconds() * 1000), Long::sum);
        }
        byImage.keySet().forEach(this::depths);
        byPool.forEach((pool, millis) -> outstanding(pool).millis().set(millis));
        outstanding.keySet().removeIf(pool -> {
            if (byPool.containsKey(pool)) {
                return false;
            }
            registry.remove(outstanding.get(pool).gauge());
            return true;
        });
        queued.forEach((image, value) -> value.set(byImage.getOrDefault(image, new long[2])[0]));
        leased.forEach((image, value) -> value.set(byImage.getOrDefault(image, new long[2])[1]));
    }

    void finished(List<HpcTask> tasks) {
        for (HpcTask task : tasks) {
            registry.counter("hpc.tasks.finished", "image", reference(task.image), "status", task.state.wireName())
                    .increment();
        }
    }

    private PoolGauge outstanding(List<String> imageAndPool) {
        return outstanding.computeIfAbsent(imageAndPool, key -> {
            AtomicLong millis = new AtomicLong();
            Gauge gauge = Gauge.builder("hpc.task.outstanding.seconds", millis, v -> v.get() / 1000.0)
                    .description("Estimated execution time of the tasks not yet done").tag("image", key.get(0))
                    .tag("pool", key.get(1)).register(registry);
            return new PoolGauge(millis, gauge);
        });
    }

    private record PoolGauge(AtomicLong millis, Gauge gauge) {}

    private void depths(String image) {
        queued.computeIfAbsent(image, i -> depth(i, "queued"));
        leased.computeIfAbsent(image, i -> depth(i, "leased"));
    }

    private AtomicLong depth(String image, String state) {
        AtomicLong value = new AtomicLong();
        Gauge.builder("hpc.task.queue.depth", value, AtomicLong::get).description("Tasks waiting or held by workers")
                .tag("image", image).tag("state", state).register(registry);
        return value;
    }

    private String reference(String image) {
        TaskConfig.Image configured = mapper.image(image);
        return configured == null ? image : configured.reference();
    }
}
