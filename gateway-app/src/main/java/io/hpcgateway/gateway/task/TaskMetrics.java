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
 * The farm on {@code /q/metrics}, by image reference: {@code hpc_task_outstanding_seconds} (the
 * estimated execution time of queued and leased tasks, what the Kubernetes autoscaler scales on),
 * {@code hpc_task_queue_depth{state}} and {@code hpc_tasks_finished_total{status}}. The gauges
 * show the last measurement ({@link OutstandingWork}), taken every {@code gateway.tasks.scale-interval}.
 */
@ApplicationScoped
public class TaskMetrics {

    private final MeterRegistry registry;
    private final TaskMapper mapper;
    /** Seconds (in thousandths) and depths per image, as last measured; an image's gauges stay, at 0, once seen. */
    private final Map<String, AtomicLong> outstandingMillis = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> queued = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> leased = new ConcurrentHashMap<>();

    TaskMetrics(MeterRegistry registry, TaskMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    void measured(List<OutstandingWork.Demand> demands) {
        Map<String, long[]> byImage = new HashMap<>();
        for (OutstandingWork.Demand d : demands) {
            long[] sum = byImage.computeIfAbsent(reference(d.image()), k -> new long[3]);
            sum[0] += Math.round(d.seconds() * 1000);
            sum[1] += d.queued();
            sum[2] += d.leased();
        }
        byImage.keySet().forEach(this::gauges);
        outstandingMillis.forEach((image, value) -> value.set(byImage.getOrDefault(image, new long[3])[0]));
        queued.forEach((image, value) -> value.set(byImage.getOrDefault(image, new long[3])[1]));
        leased.forEach((image, value) -> value.set(byImage.getOrDefault(image, new long[3])[2]));
    }

    void finished(List<HpcTask> tasks) {
        for (HpcTask task : tasks) {
            registry.counter("hpc.tasks.finished", "image", reference(task.image), "status", task.state.wireName())
                    .increment();
        }
    }

    private void gauges(String image) {
        outstandingMillis.computeIfAbsent(image, i -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("hpc.task.outstanding.seconds", value, v -> v.get() / 1000.0)
                    .description("Estimated execution time of the tasks not yet done").tag("image", i).register(registry);
            return value;
        });
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
