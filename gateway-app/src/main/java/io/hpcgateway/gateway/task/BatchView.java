package io.hpcgateway.gateway.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A batch: its tasks by state, and the work still outstanding. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TaskBatch")
public record BatchView(String id, String cluster, int size,
                        @Schema(description = "Tasks per state") Map<String, Long> states,
                        @Schema(description = "Tasks per image reference") Map<String, Integer> images,
                        @Schema(description = "Estimated seconds of execution still to run") double outstandingSeconds,
                        @Schema(description = "Seconds its finished tasks ran, as their workers measured it (the "
                                + "pilots' allocations, idle time included, are charged as jobs)") double executionSeconds,
                        @Schema(description = "The first and last task ids: <batch>.0 to <batch>.<size-1>")
                        String firstTask, String lastTask, Instant createdAt, Instant finishedAt) {}
