package io.hpcgateway.gateway.task;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Measures the work not yet done (one aggregation over the queue, whatever its size): queued and
 * leased tasks per owner, cluster and image, and their estimated seconds of execution.
 */
@ApplicationScoped
public class OutstandingWork {

    /** Work of one owner's tasks for one image on one cluster. */
    record Demand(String owner, String clusterUser, String cluster, String image, long queued, long leased,
                  double seconds, double shortestQueued) {}

    private final TaskEstimator estimator;

    OutstandingWork(TaskEstimator estimator) {
        this.estimator = estimator;
    }

    List<Demand> measure() {
        List<Document> rows = HpcTask.mongoCollection().aggregate(List.of(
                Aggregates.match(Filters.in("state", TaskState.QUEUED, TaskState.LEASED)),
                Aggregates.group(new Document("owner", "$owner").append("clusterUser", "$clusterUser")
                                .append("cluster", "$cluster").append("image", "$image").append("type", "$type")
                                .append("version", "$version").append("state", "$state"),
                        Accumulators.sum("n", 1))), Document.class).into(new ArrayList<>());
        Set<TaskKind> kinds = new HashSet<>();
        rows.forEach(row -> kinds.add(kind(row.get("_id", Document.class))));
        Map<TaskKind, Double> estimates = estimator.seconds(kinds);
        Map<List<String>, Demand> demands = new HashMap<>();
        for (Document row : rows) {
            Document id = row.get("_id", Document.class);
            long n = ((Number) row.get("n")).longValue();
            boolean queued = TaskState.QUEUED.name().equals(id.getString("state"));
            List<String> key = List.of(id.getString("owner"), id.getString("clusterUser"), id.getString("cluster"),
                    id.getString("image"));
            double estimate = estimates.get(kind(id));
            Demand add = new Demand(key.get(0), key.get(1), key.get(2), key.get(3), queued ? n : 0, queued ? 0 : n,
                    n * estimate, queued ? estimate : Double.MAX_VALUE);
            demands.merge(key, add, (a, b) -> new Demand(a.owner(), a.clusterUser(), a.cluster(), a.image(),
                    a.queued() + b.queued(), a.leased() + b.leased(), a.seconds() + b.seconds(),
                    Math.min(a.shortestQueued(), b.shortestQueued())));
        }
        return List.copyOf(demands.values());
    }

    private static TaskKind kind(Document id) {
        return new TaskKind(id.getString("type"), id.getString("version"), id.getString("image"));
    }
}
