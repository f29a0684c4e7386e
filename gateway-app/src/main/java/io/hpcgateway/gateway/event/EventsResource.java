package io.hpcgateway.gateway.event;

import io.hpcgateway.gateway.identity.Users;
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
import org.jboss.resteasy.reactive.RestQuery;

/** The caller's events: all of them, as a live stream or in pages. */
@Path("/api/v2/events")
@Authenticated
@Tag(name = "events")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "400", description = "Last-Event-ID or after is not an event id")
public class EventsResource {

    private final EventStreams streams;
    private final Users users;
    private final SecurityIdentity identity;

    EventsResource(EventStreams streams, Users users, SecurityIdentity identity) {
        this.streams = streams;
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamEvents", summary = "The caller's events as server-sent events, live",
            description = "Each event's id is its place in the log, its name its type (job.state) and its data an "
                    + "Event as JSON. With Last-Event-ID the stream first replays every event after that id, so a "
                    + "client that reconnects misses none. A comment line is sent every 15 s on an idle stream.")
    @APIResponse(responseCode = "200", description = "The stream; it stays open. Each event's data is an Event",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = EventView.class)))
    public Multi<OutboundSseEvent> stream(@Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId) {
        return streams.stream(sse, users.current(identity).subject, null, lastEventId);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listEvents", summary = "The caller's events after an id, oldest first (JSON)")
    public EventView.Page list(@RestQuery String after, @RestQuery String limit) {
        return streams.page(users.current(identity).subject, null, after, limit);
    }
}
