package io.hpcgateway.gateway.task;

import io.hpcgateway.gateway.audit.AuditLog;
import io.hpcgateway.gateway.event.EventLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Notices when a batch's last task has ended and says so once, whichever gateway instance ended
 * it: in the owner's event log ({@value #FINISHED}, with its tasks per state) and the audit log.
 */
@ApplicationScoped
public class BatchEnds {

    static final String SUBMITTED = "task.batch.submitted";
    static final String FINISHED = "task.batch.finished";

    private final TaskQueue queue;
    private final TaskBatches batches;
    private final EventLog events;
    private final AuditLog audit;

    BatchEnds(TaskQueue queue, TaskBatches batches, EventLog events, AuditLog audit) {
        this.queue = queue;
        this.batches = batches;
        this.events = events;
        this.audit = audit;
    }

    /** Counts tasks that just turned final without running (expired, cancelled), per batch. */
    void ended(Map<String, Long> perBatch) {
        ended(perBatch, Map.of());
    }

    /**
     * Counts tasks that just turned final, and their execution time, per batch, and says so for each
     * batch that thereby ended.
     */
    void ended(Map<String, Long> perBatch, Map<String, Long> executionMillis) {
        perBatch.forEach((id, n) -> {
            if (n > 0 && queue.ended(id, n, executionMillis.getOrDefault(id, 0L), Instant.now())) {
                TaskBatch batch = TaskBatch.findById(id);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("batch", id);
                details.put("size", batch.size);
                details.put("states", batches.states(id));
                events.append(FINISHED, batch.owner, null, details);
                audit.record("task_batch_finished", null, batch.cluster, batch.owner, details, true);
            }
        });
    }
}
