package io.hpcgateway.gateway.task;

import io.hpcgateway.gateway.platform.ApiException;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The routes a worker calls with its own token ({@link WorkerTokens}); users' tokens are refused
 * here, as worker tokens are everywhere else.
 */
@Path("/api/v2/task-workers/{id}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "task workers", description = "What a task worker calls, with its own token")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid worker token")
@APIResponse(responseCode = "403", description = "The token is another worker's")
@APIResponse(responseCode = "404", description = "No such worker")
@APIResponse(responseCode = "410", description = "The worker has ended; its tasks went back to the queue")
public class WorkerResource {

    private final WorkerSessions sessions;
    private final JsonWebToken token;

    WorkerResource(WorkerSessions sessions, JsonWebToken token) {
        this.sessions = sessions;
        this.token = token;
    }

    @POST
    @Path("/exchange")
    @Operation(operationId = "exchangeTasks", summary = "Report finished tasks, renew leases, take more work",
            description = "Completions are acknowledged once stored; a repeated or late completion changes nothing. "
                    + "Every lease the worker holds is renewed. New tasks fit the worker's time left.")
    @APIResponse(responseCode = "200", description = "Stored and leased")
    @APIResponse(responseCode = "400", description = "A bad completion, want or secondsLeft; nothing was stored")
    public Exchange.Answer exchange(@RestPath String id, Exchange exchange) {
        if (exchange == null) {
            throw ApiException.badRequest("want",
                    "Send {\"completions\": [...], \"want\": <tasks it can take>, \"secondsLeft\": <seconds>}");
        }
        return sessions.exchange(sessions.worker(id, WorkerTokens.workerOf(token)), exchange);
    }

    @POST
    @Path("/leave")
    @Operation(operationId = "leaveTaskFarm", summary = "Stop: give back the tasks never started, end the worker")
    @APIResponse(responseCode = "204", description = "Left")
    public Response leave(@RestPath String id, Exchange.Leave leave) {
        sessions.leave(sessions.worker(id, WorkerTokens.workerOf(token)), leave);
        return Response.noContent().build();
    }
}
