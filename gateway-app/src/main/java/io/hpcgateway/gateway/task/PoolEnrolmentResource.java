package io.hpcgateway.gateway.task;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where a task pool's pod gets its worker: with the pool's enrolment token (from the pool's
 * Secret), which is good here and nowhere else, as a worker's token is good only on its own
 * worker's routes.
 */
@Path("/api/v2/task-workers/enrol")
@RolesAllowed(WorkerTokens.POOL_ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "task workers", description = "What a task worker calls, with its own token")
@SecurityRequirement(name = "bearer")
public class PoolEnrolmentResource {

    private final TaskPools pools;
    private final JsonWebToken token;

    PoolEnrolmentResource(TaskPools pools, JsonWebToken token) {
        this.pools = pools;
        this.token = token;
    }

    @POST
    @Operation(operationId = "enrolPoolWorker", summary = "A Kubernetes pod of a task pool gets a worker of its own",
            description = "The answer's token works on /api/v2/task-workers/{worker} only. The pod asks again after "
                    + "a 429 (its user runs as many workers as allowed) and stops after a 410 (the pool was retired).")
    @APIResponse(responseCode = "200", description = "Enrolled",
            content = @Content(schema = @Schema(implementation = TaskPools.Enrolled.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid enrolment token")
    @APIResponse(responseCode = "403", description = "Not a task pool's enrolment token")
    @APIResponse(responseCode = "410", description = "The pool was retired; its token enrols no more workers")
    @APIResponse(responseCode = "429", description = "The pool's user (or the gateway) runs as many workers as allowed")
    public TaskPools.Enrolled enrol() {
        return pools.enrol(WorkerTokens.poolOf(token), WorkerTokens.generationOf(token));
    }
}
