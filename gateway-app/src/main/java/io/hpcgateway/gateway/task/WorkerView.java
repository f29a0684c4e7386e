package io.hpcgateway.gateway.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A worker as its user sees it: its state, its pilot job or pool, what it ran. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TaskWorker")
public record WorkerView(String id,
                         @Schema(description = "The image name") String image,
                         @Schema(description = "The image reference") String reference,
                         String cluster, WorkerState state,
                         @Schema(description = "The pilot job running it, for workers the gateway started on SLURM")
                         String jobId,
                         @Schema(description = "The task pool whose Kubernetes pod runs it") String pool,
                         long tasksDone,
                         @Schema(description = "Milliseconds spent running tasks; the rest of its life was idle")
                         long busyMillis,
                         Instant createdAt, Instant lastSeenAt, Instant endedAt, String endReason,
                         @Schema(description = "Its bearer token for /api/v2/task-workers/{id}, shown once, when it is "
                                 + "created") String token) {

    static WorkerView of(TaskWorker worker, String reference, String token) {
        return new WorkerView(worker.id, worker.image, reference, worker.cluster, worker.state, worker.jobId, worker.pool,
                worker.tasksDone, worker.busyMillis, worker.createdAt, worker.lastSeenAt, worker.endedAt,
                worker.endReason, token);
    }
}
