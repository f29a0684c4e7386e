package io.hpcgateway.gateway.task;

import com.mongodb.client.model.Filters;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes back what silent workers hold: leases that ran out go back to the queue (or fail the task
 * on its last try), and a worker not heard from for {@value #SILENT_LEASES} leases is ended. Every
 * instance may sweep: each step is a conditional update, so two sweeps do the same thing once.
 */
@ApplicationScoped
public class LeaseSweeper {

    /** Leases a worker may miss before it is taken for dead (a pilot's end usually says so sooner). */
    static final int SILENT_LEASES = 3;

    private final TaskConfig config;
    private final TaskQueue queue;
    private final Workers workers;
    private final BatchEnds ends;

    LeaseSweeper(TaskConfig config, TaskQueue queue, Workers workers, BatchEnds ends) {
        this.config = config;
        this.queue = queue;
        this.workers = workers;
        this.ends = ends;
    }

    @Scheduled(every = "${gateway.tasks.lease-check-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        Instant now = Instant.now();
        ends.ended(queue.expire(now));
        Instant silentSince = now.minus(config.lease().multipliedBy(SILENT_LEASES));
        List<TaskWorker> silent = TaskWorker.<TaskWorker>mongoCollection().find(Filters.and(
                Filters.in("state", WorkerState.ACTIVE, WorkerState.DRAINING), Filters.lt("lastSeenAt", silentSince)))
                .into(new ArrayList<>());
        silent.forEach(worker -> workers.end(worker, "silent since " + worker.lastSeenAt));
        // A pilot that never starts is ended with its job; a worker a user enrolled and never ran holds a place in the caps.
        Instant enrolledBefore = silentSince.minus(config.idleTimeout());
        TaskWorker.<TaskWorker>mongoCollection().find(Filters.and(Filters.eq("state", WorkerState.STARTING),
                        Filters.eq("jobId", null), Filters.lt("createdAt", enrolledBefore))).into(new ArrayList<>())
                .forEach(worker -> workers.end(worker, "never started"));
    }
}
