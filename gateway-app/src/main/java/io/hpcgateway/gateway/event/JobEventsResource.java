package io.hpcgateway.gateway.event;

import io.hpcgateway.gateway.identity.UserAccount;
import io.hpcgateway.gateway.identity.Users;
import io.hpcgateway.gateway.job.JobService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** One job's events, as a live stream or in pages. */
@Path("/api/v2/jobs/{id}/events")
@Authenticated
@Tag(name = "events")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "400", description = "Last-Event-ID or after is not an event id")
@APIResponse(responseCode = "404", description = "No such job of the caller's")
public class JobEventsResource {

    private final EventStreams streams;
    private final JobService jobs;
    private final Users users;
    private final SecurityIdentity identity;

    JobEventsResource(EventStreams streams, JobService jobs, Users users, SecurityIdentity identity) {
        this.streams = streams;
        this.jobs = jobs;
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamJobEvents", summary = "The job's events as server-sent events, live",
            description = "As GET /api/v2/events, for one job; Last-Event-ID: 0 replays its whole history first.")
    @APIResponse(responseCode = "200", description = "The stream; it stays open. Each event's data is an Event",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = EventView.class)))
    public Multi<OutboundSseEvent> stream(@Context Sse sse, @RestPath String id,
                                          @HeaderParam("Last-Event-ID") String lastEventId) {
        UserAccount user = users.current(identity);
        return streams.stream(sse, user.subject, jobs.owned(user, id).id, lastEventId);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listJobEvents", summary = "The job's events after an id, oldest first (JSON)")
    public EventView.Page list(@RestPath String id, @RestQuery String after, @RestQuery String limit) {
        UserAccount user = users.current(identity);
        return streams.page(user.subject, jobs.owned(user, id).id, after, limit);
    }
}
