package io.hpcgateway.gateway.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v2/tasks}: a batch of seed 003's tasks. */
@Schema(name = "TaskSubmission")
public record TaskSubmission(
        @Schema(description = "The tasks, 1 to gateway.tasks.max-batch (10,000 by default)", required = true)
        List<Task> tasks,
        @Schema(description = "Cluster name; the gateway's default cluster when absent") String cluster,
        @Schema(description = "Tries each task gets (1-10); gateway.tasks.max-attempts when absent") Integer maxAttempts) {

    /** One task ({@code HPCTask}). */
    @Schema(name = "Task")
    public record Task(
            @Schema(description = "A name for the task (at most 128 characters)") String name,
            @Schema(description = "The task's type, which the mapper maps to an image", required = true) String type,
            @Schema(description = "The type's version", required = true) String version,
            @Schema(implementation = Object.class, description = "What the image's execute receives (any JSON, at most gateway.tasks.max-payload-bytes)")
            JsonNode payload,
            @Schema(description = "A named mapper; 'default' when absent") String mapper) {}
}
