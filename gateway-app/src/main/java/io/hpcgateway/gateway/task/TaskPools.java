package io.hpcgateway.gateway.task;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.hpcgateway.gateway.audit.AuditLog;
import io.hpcgateway.gateway.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The task pools' records: activated (a new generation) when a pool's Kubernetes objects are
 * made, retired when they are removed, and the enrolment of a pod's worker, within the same caps
 * as pilots. Every change is one conditional update, so several gateways share the pools.
 */
@ApplicationScoped
public class TaskPools {

    /** A pod's worker: its id and its token for {@code /api/v2/task-workers/{worker}}. */
    public record Enrolled(String worker, String token, long leaseSeconds) {}

    /** How stale a pool's {@code lastWorkAt} may grow before a cycle writes it again. */
    private static final Duration WORK_MARK_EVERY = Duration.ofMinutes(1);

    private final TaskConfig config;
    private final Workers workers;
    private final WorkerTokens tokens;
    private final AuditLog audit;

    TaskPools(TaskConfig config, Workers workers, WorkerTokens tokens, AuditLog audit) {
        this.config = config;
        this.workers = workers;
        this.tokens = tokens;
        this.audit = audit;
    }

    /** Activates the demand's pool as the given account ids, in a new generation. */
    TaskPool activate(OutstandingWork.Demand demand, long uid, long gid, List<Long> groups) {
        Instant now = Instant.now();
        TaskPool pool = TaskPool.<TaskPool>mongoCollection().findOneAndUpdate(
                Filters.eq("_id", TaskPool.idOf(demand.owner(), demand.cluster(), demand.image())),
                Updates.combine(Updates.set("owner", demand.owner()), Updates.set("clusterUser", demand.clusterUser()),
                        Updates.set("cluster", demand.cluster()), Updates.set("image", demand.image()),
                        Updates.set("uid", uid), Updates.set("gid", gid), Updates.set("groups", groups),
                        Updates.inc("generation", 1L), Updates.set("active", true), Updates.set("activatedAt", now),
                        Updates.set("lastWorkAt", now)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        audit.record("task_pool_activated", null, pool.cluster, pool.owner,
                Map.of("pool", pool.id, "image", pool.image, "generation", pool.generation), true);
        return pool;
    }

    /** Marks the pools as having work now (written at most once a minute per pool). */
    void worked(Collection<String> ids, Instant now) {
        if (!ids.isEmpty()) {
            TaskPool.mongoCollection().updateMany(Filters.and(Filters.in("_id", ids),
                    Filters.lt("lastWorkAt", now.minus(WORK_MARK_EVERY))), Updates.set("lastWorkAt", now));
        }
    }

    List<TaskPool> active() {
        return TaskPool.<TaskPool>mongoCollection().find(Filters.eq("active", true)).into(new ArrayList<>());
    }

    /** Ends the pool's generation once; false if another instance did, or it was activated again meanwhile. */
    boolean retire(TaskPool pool) {
        boolean retired = TaskPool.mongoCollection().updateOne(Filters.and(Filters.eq("_id", pool.id),
                Filters.eq("generation", pool.generation), Filters.eq("active", true)),
                Updates.set("active", false)).getModifiedCount() == 1;
        if (retired) {
            audit.record("task_pool_retired", null, pool.cluster, pool.owner,
                    Map.of("pool", pool.id, "image", pool.image, "generation", pool.generation), true);
        }
        return retired;
    }

    /** A new enrolment token for the pool's Secret. */
    String enrolmentToken(TaskPool pool) {
        return tokens.issue(pool);
    }

    /**
     * A new worker for a pod of the pool, with its token: refused (410) if the token is of a
     * generation that was retired, and (429) while its user has as many workers as allowed, which
     * the pod waits out.
     */
    Enrolled enrol(String poolId, long generation) {
        TaskPool pool = TaskPool.findById(poolId);
        if (pool == null || !pool.active || pool.generation != generation) {
            throw new ApiException(410, "pool_retired", "Task pool " + poolId + " was retired; its enrolment token "
                    + "enrols no more workers", Map.of("pool", poolId));
        }
        workers.requireRoom(pool.owner);
        TaskWorker worker = workers.create(pool);
        return new Enrolled(worker.id, tokens.issue(worker), config.lease().toSeconds());
    }
}
