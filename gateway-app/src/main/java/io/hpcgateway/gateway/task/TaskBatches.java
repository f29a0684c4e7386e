package io.hpcgateway.gateway.task;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/** Reads over a batch's tasks: how many are in each state, and how many of each kind are still to run. */
@ApplicationScoped
public class TaskBatches {

    /** Tasks of the batch per state (wire names). */
    Map<String, Long> states(String batch) {
        Map<String, Long> out = new TreeMap<>();
        HpcTask.mongoCollection().aggregate(List.of(Aggregates.match(Filters.eq("batch", batch)),
                        Aggregates.group("$state", Accumulators.sum("n", 1))), Document.class)
                .forEach(row -> out.put(row.getString("_id").toLowerCase(), ((Number) row.get("n")).longValue()));
        return out;
    }

    /** Unfinished tasks of the batch per kind. */
    Map<TaskKind, Long> outstanding(String batch) {
        Map<TaskKind, Long> out = new HashMap<>();
        HpcTask.mongoCollection().aggregate(List.of(Aggregates.match(Filters.and(Filters.eq("batch", batch),
                        Filters.in("state", TaskState.QUEUED, TaskState.LEASED))),
                Aggregates.group(new Document("type", "$type").append("version", "$version").append("image", "$image"),
                        Accumulators.sum("n", 1))), Document.class).forEach(row -> {
            Document kind = row.get("_id", Document.class);
            out.put(new TaskKind(kind.getString("type"), kind.getString("version"), kind.getString("image")),
                    ((Number) row.get("n")).longValue());
        });
        return out;
    }
}
