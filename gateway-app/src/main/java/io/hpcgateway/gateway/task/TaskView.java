package io.hpcgateway.gateway.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A task as its user sees it: what it asked for, where it ran, what it made. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TaskView")
public record TaskView(String id, String batch, String name, String type, String version, String image,
                       TaskState state, int attempts,
                       @Schema(description = "The estimated execution time, in seconds") Double estimatedSeconds,
                       @JsonRawValue @Schema(description = "The payload (JSON)") String payload,
                       @JsonRawValue @Schema(description = "What the image returned (JSON)") String result,
                       String error, Long executionMillis, String worker, Instant createdAt,
                       @Schema(description = "When its worker started it, by the worker's clock") Instant startedAt,
                       Instant finishedAt) {

    static TaskView of(HpcTask task, TaskConfig.Image image, Double estimate) {
        return new TaskView(task.id, task.batch, task.name, task.type, task.version,
                image == null ? task.image : image.reference(), task.state, task.attempts,
                task.state.isFinal() ? null : estimate, task.payload, task.result, task.error, task.executionMillis,
                task.worker, task.createdAt, task.startedAt, task.finishedAt);
    }

    /** A page of a batch's tasks, in batch order; {@code next} is the {@code after} of the next page. */
    @Schema(name = "TaskPage")
    public record Page(List<TaskView> items, Integer next) {}
}
