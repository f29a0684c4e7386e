package io.hpcgateway.gateway.task;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v2/tasks/workers}: a worker the user runs themselves, for one image. */
@Schema(name = "WorkerRequest")
public record WorkerRequest(
        @Schema(description = "The image name (GET /api/v2/tasks/types lists them)", required = true) String image,
        @Schema(description = "Cluster whose tasks it takes; the default cluster when absent") String cluster) {}
