package io.hpcgateway.gateway.task;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A worker's report of one task it was given: seed 003's {@code complete(status)}, with what it made. */
@Schema(name = "TaskCompletion")
public record Completion(
        @Schema(description = "The task's id", required = true) String task,
        @Schema(description = "The attempt the task was leased for", required = true) int attempt,
        @Schema(description = "completed, failed or killed", required = true) String status,
        @Schema(implementation = Object.class, description = "What the image returned (any JSON)") JsonNode result,
        @Schema(description = "Why it failed or was killed") String error,
        @Schema(description = "When it started, in milliseconds since the epoch on the worker's clock") Long startedAt,
        @Schema(description = "Execution time in milliseconds, as the worker measured it") long millis) {}
