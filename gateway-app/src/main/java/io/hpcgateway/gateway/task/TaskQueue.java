package io.hpcgateway.gateway.task;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.conversions.Bson;

/**
 * The queue in MongoDB. Every operation is a handful of writes for many tasks: a lease is one
 * query, one conditional multi-update and one read of what it won (the exchange's mark finds
 * the tasks it took, so two workers racing for the same task never both get it); completions are
 * one bulk write, conditional on the worker and attempt they were leased for, so a late or repeated
 * completion changes nothing. Nothing lives in memory: several gateways share the queue.
 */
@ApplicationScoped
public class TaskQueue {

    /** Insert this many tasks per write: big enough to be cheap, small enough for any driver's batch. */
    private static final int INSERT_CHUNK = 1000;
    /** Candidates read per task wanted, so that tasks too long for the worker's time left can be passed over. */
    private static final int CANDIDATES_PER_WANTED = 2;
    /** Expired leases handled per pass; more wait for the next pass. */
    private static final int EXPIRIES_PER_PASS = 10_000;

    void createIndexes(@Observes @Priority(10) StartupEvent event) {
        HpcTask.mongoCollection().createIndex(Indexes.ascending("owner", "cluster", "image", "state", "createdAt",
                "index"));
        HpcTask.mongoCollection().createIndex(Indexes.ascending("batch", "index"));
        HpcTask.mongoCollection().createIndex(Indexes.ascending("state", "leaseExpiresAt"));
        HpcTask.mongoCollection().createIndex(Indexes.ascending("worker", "state"));
        TaskBatch.mongoCollection().createIndex(Indexes.ascending("owner", "createdAt"));
    }

    void insert(TaskBatch batch, List<HpcTask> tasks) {
        batch.persist();
        for (int from = 0; from < tasks.size(); from += INSERT_CHUNK) {
            HpcTask.<HpcTask>mongoCollection().insertMany(tasks.subList(from, Math.min(tasks.size(), from + INSERT_CHUNK)));
        }
    }

    /**
     * Leases up to {@code want} of the worker's queued tasks, oldest first, whose estimates fit
     * one after another into the time it has left: a task longer than that stays for another worker.
     */
    List<HpcTask> lease(TaskWorker worker, int want, double secondsLeft, Instant expires, TaskEstimator estimator) {
        if (want <= 0) {
            return List.of();
        }
        List<HpcTask> candidates = HpcTask.<HpcTask>mongoCollection().find(Filters.and(Filters.eq("owner", worker.owner),
                        Filters.eq("cluster", worker.cluster), Filters.eq("image", worker.image),
                        Filters.eq("state", TaskState.QUEUED)))
                .sort(Sorts.ascending("createdAt", "index")).limit(want * CANDIDATES_PER_WANTED).into(new ArrayList<>());
        Set<TaskKind> kinds = new HashSet<>();
        candidates.forEach(task -> kinds.add(TaskKind.of(task)));
        Map<TaskKind, Double> estimates = estimator.seconds(kinds);
        List<String> chosen = new ArrayList<>();
        double planned = 0;
        for (HpcTask task : candidates) {
            double estimate = estimates.getOrDefault(TaskKind.of(task), 0.0);
            if (chosen.size() < want && planned + estimate <= secondsLeft) {
                chosen.add(task.id);
                planned += estimate;
            }
        }
        if (chosen.isEmpty()) {
            return List.of();
        }
        String mark = UUID.randomUUID().toString();
        HpcTask.mongoCollection().updateMany(Filters.and(Filters.in("_id", chosen), Filters.eq("state", TaskState.QUEUED)),
                Updates.combine(Updates.set("state", TaskState.LEASED), Updates.set("worker", worker.id),
                        Updates.set("mark", mark), Updates.set("leasedAt", Instant.now()),
                        Updates.set("leaseExpiresAt", expires), Updates.inc("attempts", 1)));
        return HpcTask.<HpcTask>mongoCollection().find(Filters.and(Filters.in("_id", chosen), Filters.eq("mark", mark)))
                .sort(Sorts.ascending("createdAt", "index")).into(new ArrayList<>());
    }

    /**
     * Stores the completions of tasks the worker holds for the attempt it names, in one write; returns
     * the tasks this call finished (a duplicate, late or unknown completion is not among them).
     */
    List<HpcTask> complete(TaskWorker worker, List<Completion> completions, int maxBytes) {
        if (completions.isEmpty()) {
            return List.of();
        }
        String mark = UUID.randomUUID().toString();
        Instant now = Instant.now();
        List<WriteModel<HpcTask>> writes = new ArrayList<>();
        for (Completion c : completions) {
            TaskState state = TaskState.ofStatus(c.status()).orElseThrow();
            String result = c.result() == null || c.result().isNull() ? null : c.result().toString();
            List<Bson> set = new ArrayList<>(List.of(Updates.set("state", state), Updates.set("mark", mark),
                    Updates.set("finishedAt", now), Updates.set("executionMillis", Math.max(0, c.millis())),
                    Updates.unset("leaseExpiresAt")));
            if (c.startedAt() != null && c.startedAt() > 0) {
                set.add(Updates.set("startedAt", Instant.ofEpochMilli(c.startedAt())));
            }
            if (result != null && result.length() > maxBytes) {
                set.set(0, Updates.set("state", TaskState.FAILED));
                set.add(Updates.set("error", "the result was larger than " + maxBytes + " bytes of JSON"));
            } else {
                set.add(Updates.set("result", result));
                set.add(Updates.set("error", c.error()));
            }
            writes.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", c.task()), Filters.eq("worker", worker.id),
                    Filters.eq("attempts", c.attempt()), Filters.eq("state", TaskState.LEASED)), Updates.combine(set)));
        }
        HpcTask.<HpcTask>mongoCollection().bulkWrite(writes);
        List<String> ids = completions.stream().map(Completion::task).toList();
        return HpcTask.<HpcTask>mongoCollection().find(Filters.and(Filters.in("_id", ids), Filters.eq("mark", mark)))
                .into(new ArrayList<>());
    }

    /** Renews every lease the worker holds: its exchange is its ping. */
    void renew(TaskWorker worker, Instant expires) {
        HpcTask.mongoCollection().updateMany(Filters.and(Filters.eq("worker", worker.id),
                Filters.eq("state", TaskState.LEASED)), Updates.set("leaseExpiresAt", expires));
    }

    /**
     * Gives tasks the worker holds back to the queue: those it names (never started, so the try is
     * not counted), or all of them when {@code ids} is null (the worker is gone; the try counts).
     */
    long release(TaskWorker worker, Collection<String> ids) {
        Bson held = Filters.and(Filters.eq("worker", worker.id), Filters.eq("state", TaskState.LEASED));
        Bson which = ids == null ? held : Filters.and(held, Filters.in("_id", ids));
        List<Bson> back = new ArrayList<>(List.of(Updates.set("state", TaskState.QUEUED), Updates.unset("worker"),
                Updates.unset("leaseExpiresAt"), Updates.unset("mark")));
        if (ids != null) {
            back.add(Updates.inc("attempts", -1));
        }
        return HpcTask.mongoCollection().updateMany(which, Updates.combine(back)).getModifiedCount();
    }

    /**
     * Leases that ran out: back to the queue, or failed for good on the task's last try. Returns the
     * tasks failed per batch.
     */
    Map<String, Long> expire(Instant now) {
        Bson expired = Filters.and(Filters.eq("state", TaskState.LEASED), Filters.lt("leaseExpiresAt", now));
        List<String> retry = new ArrayList<>();
        Map<String, List<String>> lastTry = new HashMap<>();
        HpcTask.<HpcTask>mongoCollection().find(expired).limit(EXPIRIES_PER_PASS).forEach(task -> {
            if (task.attempts >= task.maxAttempts) {
                lastTry.computeIfAbsent(task.batch, b -> new ArrayList<>()).add(task.id);
            } else {
                retry.add(task.id);
            }
        });
        // Each update is still conditional on the lease having run out: a worker's exchange may renew it meanwhile.
        Map<String, Long> failed = new HashMap<>();
        lastTry.forEach((batch, ids) -> {
            long n = HpcTask.mongoCollection().updateMany(Filters.and(expired, Filters.in("_id", ids)), Updates.combine(
                    Updates.set("state", TaskState.FAILED), Updates.set("finishedAt", now),
                    Updates.unset("leaseExpiresAt"), Updates.set("error", "its worker went silent on each of its tries")))
                    .getModifiedCount();
            if (n > 0) {
                failed.put(batch, n);
            }
        });
        if (!retry.isEmpty()) {
            HpcTask.mongoCollection().updateMany(Filters.and(expired, Filters.in("_id", retry)), Updates.combine(
                    Updates.set("state", TaskState.QUEUED), Updates.unset("worker"), Updates.unset("leaseExpiresAt"),
                    Updates.unset("mark")));
        }
        return failed;
    }

    /** Cancels the batch's unfinished tasks; a worker's later completion of one changes nothing. */
    long cancel(TaskBatch batch) {
        return HpcTask.mongoCollection().updateMany(Filters.and(Filters.eq("batch", batch.id),
                        Filters.in("state", TaskState.QUEUED, TaskState.LEASED)),
                Updates.combine(Updates.set("state", TaskState.CANCELLED), Updates.set("finishedAt", Instant.now()),
                        Updates.unset("leaseExpiresAt"))).getModifiedCount();
    }

    /**
     * Counts tasks of the batch that turned final (and the time they ran), and marks the batch finished when they are all
     * of it; true for the one caller that did.
     */
    boolean ended(String batch, long n, long executionMillis, Instant at) {
        TaskBatch after = TaskBatch.<TaskBatch>mongoCollection().findOneAndUpdate(Filters.eq("_id", batch),
                Updates.combine(Updates.inc("ended", n), Updates.inc("executionMillis", executionMillis)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return after != null && after.ended >= after.size && after.finishedAt == null
                && TaskBatch.mongoCollection().updateOne(Filters.and(Filters.eq("_id", batch),
                        Filters.eq("finishedAt", null)), Updates.set("finishedAt", at)).getModifiedCount() == 1;
    }
}
