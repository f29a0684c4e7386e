package io.hpcgateway.gateway.task;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Estimates a task's execution time from the finished tasks of its kind (the mean of what they
 * took, as their workers measured it), and from the image's configured prior until one has
 * finished. The history lives in MongoDB, so every gateway instance estimates alike.
 */
@ApplicationScoped
public class TaskEstimator {

    private final TaskMapper mapper;

    TaskEstimator(TaskMapper mapper) {
        this.mapper = mapper;
    }

    /** The estimate, in seconds, for each kind (one query for all). */
    Map<TaskKind, Double> seconds(Collection<TaskKind> kinds) {
        Map<String, TaskKind> byKey = kinds.stream().collect(Collectors.toMap(TaskKind::key, k -> k, (a, b) -> a));
        Map<TaskKind, Double> out = new HashMap<>();
        TaskEstimate.<TaskEstimate>mongoCollection().find(Filters.in("_id", byKey.keySet())).forEach(estimate -> {
            if (estimate.count > 0) {
                out.put(byKey.get(estimate.id), estimate.totalMillis / 1000.0 / estimate.count);
            }
        });
        byKey.values().forEach(kind -> out.computeIfAbsent(kind, this::prior));
        return out;
    }

    /** Learns from completed tasks: one write per kind among them. */
    void learn(List<HpcTask> completed) {
        Map<TaskKind, long[]> sums = new HashMap<>();
        for (HpcTask task : completed) {
            if (task.state == TaskState.COMPLETED && task.executionMillis != null) {
                long[] sum = sums.computeIfAbsent(TaskKind.of(task), k -> new long[2]);
                sum[0]++;
                sum[1] += task.executionMillis;
            }
        }
        if (sums.isEmpty()) {
            return;
        }
        List<WriteModel<TaskEstimate>> writes = new ArrayList<>();
        sums.forEach((kind, sum) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", kind.key()),
                Updates.combine(Updates.set("type", kind.type()), Updates.set("version", kind.version()),
                        Updates.set("image", kind.image()), Updates.inc("count", sum[0]),
                        Updates.inc("totalMillis", sum[1])), new UpdateOptions().upsert(true))));
        TaskEstimate.<TaskEstimate>mongoCollection().bulkWrite(writes);
    }

    private double prior(TaskKind kind) {
        TaskConfig.Image image = mapper.image(kind.image());
        return image == null ? 1.0 : image.priorEstimate().toMillis() / 1000.0;
    }
}
