package io.hpcgateway.gateway.task;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.hpcgateway.gateway.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.conversions.Bson;

/**
 * The worker's side of the farm: each exchange stores the completions it brings (the answer
 * acknowledges them only once they are stored), renews its leases and leases it more work that
 * fits its time left; a worker that leaves gives back what it never started.
 */
@ApplicationScoped
public class WorkerSessions {

    /** Completions and tasks in one exchange, at most. */
    static final int MAX_PER_EXCHANGE = 1000;

    private final TaskConfig config;
    private final TaskQueue queue;
    private final TaskEstimator estimator;
    private final Workers workers;
    private final BatchEnds ends;
    private final TaskMetrics metrics;

    WorkerSessions(TaskConfig config, TaskQueue queue, TaskEstimator estimator, Workers workers, BatchEnds ends,
                   TaskMetrics metrics) {
        this.config = config;
        this.queue = queue;
        this.estimator = estimator;
        this.workers = workers;
        this.ends = ends;
        this.metrics = metrics;
    }

    /** The worker the token names, if it is the one in the path and has not ended. */
    TaskWorker worker(String id, String tokenWorker) {
        if (tokenWorker == null || !tokenWorker.equals(id)) {
            throw ApiException.forbidden("This token belongs to another worker; a worker token works only for its own "
                    + "worker's routes");
        }
        TaskWorker worker = TaskWorker.findById(id);
        if (worker == null) {
            throw ApiException.notFound("Worker", id);
        }
        if (worker.state == WorkerState.GONE) {
            throw new ApiException(410, "worker_gone", "Worker " + id + " has ended (" + worker.endReason
                    + "); its tasks went back to the queue", Map.of("worker", id));
        }
        return worker;
    }

    Exchange.Answer exchange(TaskWorker worker, Exchange exchange) {
        List<Completion> completions = exchange.completions() == null ? List.of() : exchange.completions();
        check(exchange, completions);
        Instant now = Instant.now();
        List<HpcTask> finished = queue.complete(worker, completions, config.maxPayloadBytes());
        if (!finished.isEmpty()) {
            estimator.learn(finished);
            metrics.finished(finished);
        }
        long busy = finished.stream().mapToLong(t -> t.executionMillis == null ? 0 : t.executionMillis).sum();
        double secondsLeft = exchange.secondsLeft() == null ? Double.MAX_VALUE : exchange.secondsLeft();
        // Renewing is a write to every task the worker holds: once a third of a lease is enough to keep them.
        boolean renew = worker.leasesRenewedAt == null
                || !worker.leasesRenewedAt.isAfter(now.minus(config.lease().dividedBy(3)));
        List<Bson> seenNow = new ArrayList<>(List.of(Updates.set("lastSeenAt", now),
                Updates.inc("tasksDone", (long) finished.size()), Updates.inc("busyMillis", busy),
                Updates.set("deadline", exchange.secondsLeft() == null ? null : now.plusMillis((long) (secondsLeft * 1000)))));
        if (renew) {
            seenNow.add(Updates.set("leasesRenewedAt", now));
        }
        TaskWorker seen = TaskWorker.<TaskWorker>mongoCollection().findOneAndUpdate(Filters.eq("_id", worker.id),
                Updates.combine(seenNow));
        if (seen != null && seen.state == WorkerState.STARTING) {
            TaskWorker.mongoCollection().updateOne(Filters.and(Filters.eq("_id", worker.id),
                    Filters.eq("state", WorkerState.STARTING)), Updates.set("state", WorkerState.ACTIVE));
        }
        Instant expires = now.plus(config.lease());
        if (renew) {
            queue.renew(worker, expires);
        }
        boolean drain = seen == null || seen.state == WorkerState.DRAINING || seen.state == WorkerState.GONE;
        List<HpcTask> leased = drain ? List.of()
                : queue.lease(worker, Math.min(exchange.want(), MAX_PER_EXCHANGE), secondsLeft, expires, estimator);
        Set<TaskKind> kinds = new HashSet<>();
        leased.forEach(task -> kinds.add(TaskKind.of(task)));
        Map<TaskKind, Double> estimates = estimator.seconds(kinds);
        List<Exchange.Leased> given = new ArrayList<>(leased.size());
        for (HpcTask task : leased) {
            given.add(new Exchange.Leased(task.id, task.attempts, task.type, task.version, task.payload,
                    estimates.get(TaskKind.of(task))));
        }
        Map<String, Long> ended = new HashMap<>();
        Map<String, Long> ran = new HashMap<>();
        for (HpcTask task : finished) {
            ended.merge(task.batch, 1L, Long::sum);
            ran.merge(task.batch, task.executionMillis == null ? 0 : task.executionMillis, Long::sum);
        }
        ends.ended(ended, ran);
        return new Exchange.Answer(completions.stream().map(Completion::task).toList(), given,
                config.lease().toSeconds(), drain);
    }

    /** The worker stops: what it names goes back untried, anything else it holds with the try counted. */
    void leave(TaskWorker worker, Exchange.Leave leave) {
        List<String> returned = leave == null || leave.returned() == null ? List.of() : leave.returned();
        if (returned.size() > MAX_PER_EXCHANGE * 10) {
            throw ApiException.badRequest("returned", "At most " + MAX_PER_EXCHANGE * 10 + " returned tasks");
        }
        if (!returned.isEmpty()) {
            queue.release(worker, returned);
        }
        String reason = leave == null || leave.reason() == null || leave.reason().isBlank() ? "left"
                : leave.reason().substring(0, Math.min(200, leave.reason().length()));
        workers.end(worker, reason);
    }

    private static void check(Exchange exchange, List<Completion> completions) {
        if (exchange.want() < 0) {
            throw ApiException.badRequest("want", "'want' is how many tasks the worker can take: 0 or more");
        }
        if (completions.size() > MAX_PER_EXCHANGE) {
            throw ApiException.badRequest("completions", "At most " + MAX_PER_EXCHANGE + " completions per exchange");
        }
        if (exchange.secondsLeft() != null && !(exchange.secondsLeft() >= 0)) {
            throw ApiException.badRequest("secondsLeft", "'secondsLeft' must be 0 or more seconds");
        }
        for (int i = 0; i < completions.size(); i++) {
            Completion c = completions.get(i);
            if (c == null || c.task() == null || c.task().isBlank()) {
                throw ApiException.badRequest("completions[" + i + "].task", "Completion " + i + " names no task");
            }
            if (TaskState.ofStatus(c.status()).isEmpty()) {
                throw ApiException.badRequest("completions[" + i + "].status", "Completion " + i + ": 'status' is one "
                        + "of completed, failed, killed");
            }
        }
    }
}
