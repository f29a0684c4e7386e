package io.hpcgateway.gateway.task;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.hpcgateway.gateway.audit.AuditLog;
import io.hpcgateway.gateway.platform.ApiException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.conversions.Bson;

/**
 * The workers' records: created (by the autoscaler for a pilot, or by a user who runs one
 * themselves) within the caps, ended once, their tasks given back when they end.
 */
@ApplicationScoped
public class Workers {

    private final TaskConfig config;
    private final TaskQueue queue;
    private final AuditLog audit;

    Workers(TaskConfig config, TaskQueue queue, AuditLog audit) {
        this.config = config;
        this.queue = queue;
        this.audit = audit;
    }

    void createIndexes(@Observes StartupEvent event) {
        TaskWorker.mongoCollection().createIndex(Indexes.ascending("owner", "state"));
        TaskWorker.mongoCollection().createIndex(Indexes.ascending("state", "image"));
        TaskWorker.mongoCollection().createIndex(Indexes.ascending("jobId"));
        TaskWorker.mongoCollection().createIndex(Indexes.ascending("pool", "state"));
    }

    /** Workers that count against the caps: of one owner, or (owner null) of everyone. */
    long counted(String owner) {
        Bson counting = Filters.in("state", WorkerState.STARTING, WorkerState.ACTIVE);
        return TaskWorker.mongoCollection().countDocuments(owner == null ? counting
                : Filters.and(Filters.eq("owner", owner), counting));
    }

    /** Workers of the pool's pods that count (a pool with any is not retired). */
    long countedInPool(String pool) {
        return TaskWorker.mongoCollection().countDocuments(Filters.and(Filters.eq("pool", pool),
                Filters.in("state", WorkerState.STARTING, WorkerState.ACTIVE, WorkerState.DRAINING)));
    }

    /** Room for more workers of the owner under the per-user and the global cap. */
    long room(String owner) {
        return Math.max(0, Math.min(config.maxWorkersPerUser() - counted(owner), config.maxWorkers() - counted(null)));
    }

    /** Refuses (429) a worker beyond the caps. */
    void requireRoom(String owner) {
        if (room(owner) == 0) {
            throw limitReached();
        }
    }

    private ApiException limitReached() {
        return new ApiException(429, "worker_limit", "No room for another worker: at most "
                + config.maxWorkersPerUser() + " per user and " + config.maxWorkers() + " in all run at once; "
                + "drain one first", Map.of("maxWorkersPerUser", config.maxWorkersPerUser(),
                "maxWorkers", config.maxWorkers()));
    }

    TaskWorker create(String owner, String clusterUser, String cluster, String image) {
        return create(owner, clusterUser, cluster, image, null);
    }

    /** A worker of a task pool's pod. */
    TaskWorker create(TaskPool pool) {
        return create(pool.owner, pool.clusterUser, pool.cluster, pool.image, pool.id);
    }

    private TaskWorker create(String owner, String clusterUser, String cluster, String image, String pool) {
        TaskWorker worker = new TaskWorker();
        worker.pool = pool;
        worker.id = UUID.randomUUID().toString();
        worker.owner = owner;
        worker.clusterUser = clusterUser;
        worker.cluster = cluster;
        worker.image = image;
        worker.state = WorkerState.STARTING;
        worker.createdAt = Instant.now();
        worker.persist();
        audit.record("task_worker_created", null, cluster, owner, Map.of("worker", worker.id, "image", image), true);
        return worker;
    }

    void attachPilot(TaskWorker worker, String jobId) {
        worker.jobId = jobId;
        TaskWorker.mongoCollection().updateOne(Filters.eq("_id", worker.id), Updates.set("jobId", jobId));
    }

    List<TaskWorker> of(String owner) {
        return TaskWorker.<TaskWorker>mongoCollection().find(Filters.eq("owner", owner))
                .sort(Sorts.descending("createdAt")).limit(TaskFarm.MAX_PAGE).into(new ArrayList<>());
    }

    /** The owner's pilots for the image that ended since then without their worker ever calling. */
    long failedStarts(String owner, String cluster, String image, Instant since) {
        return TaskWorker.mongoCollection().countDocuments(Filters.and(Filters.eq("owner", owner),
                Filters.eq("cluster", cluster), Filters.eq("image", image), Filters.eq("state", WorkerState.GONE),
                Filters.ne("jobId", null), Filters.eq("lastSeenAt", null), Filters.gt("endedAt", since)));
    }

    /** Workers that count, of every owner: the autoscaler's view of capacity. */
    List<TaskWorker> counting() {
        return TaskWorker.<TaskWorker>mongoCollection().find(Filters.in("state", WorkerState.STARTING, WorkerState.ACTIVE))
                .into(new ArrayList<>());
    }

    /** Asks a worker to finish what it runs, give back the rest and stop (its next exchange says so). */
    boolean drain(TaskWorker worker, String reason) {
        return TaskWorker.mongoCollection().updateOne(Filters.and(Filters.eq("_id", worker.id),
                        Filters.in("state", WorkerState.STARTING, WorkerState.ACTIVE)),
                Updates.combine(Updates.set("state", WorkerState.DRAINING), Updates.set("endReason", reason)))
                .getModifiedCount() == 1;
    }

    /**
     * Ends the worker once: it left, or its pilot ended. Tasks it still holds go back to the queue
     * now, not when their leases run out; the try they were on counts.
     */
    void end(TaskWorker worker, String reason) {
        long changed = TaskWorker.mongoCollection().updateOne(Filters.and(Filters.eq("_id", worker.id),
                Filters.ne("state", WorkerState.GONE)), Updates.combine(Updates.set("state", WorkerState.GONE),
                Updates.set("endedAt", Instant.now()), Updates.set("endReason", reason))).getModifiedCount();
        if (changed == 1) {
            long returned = queue.release(worker, null);
            audit.record("task_worker_ended", null, worker.cluster, worker.owner, Map.of("worker", worker.id,
                    "reason", reason, "tasksDone", worker.tasksDone, "tasksReturned", returned), true);
        }
    }
}
