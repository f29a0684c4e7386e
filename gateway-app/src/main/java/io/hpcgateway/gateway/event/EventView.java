package io.hpcgateway.gateway.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An event as the API shows it: the {@code data:} of a server-sent event, or an item of a page. */
@Schema(name = "Event")
public record EventView(@Schema(description = "Position in the log; resume a stream after it with Last-Event-ID")
                        long id,
                        @Schema(description = "What happened: job.state (a transition), job.charge (the final "
                                + "charge) or template.decision (told to the template's publisher)") String type,
                        String jobId, Instant at,
                        @Schema(description = "For job.state: name, cluster, from, to, reason, schedulerJobId, exitCode")
                        Map<String, Object> data) {

    static EventView of(GatewayEvent event) {
        return new EventView(event.id, event.type, event.jobId, event.at, event.data);
    }

    /** Events in id order; ask again with {@code after=lastId} for the next ones. */
    @Schema(name = "EventPage")
    public record Page(List<EventView> items, long lastId) {}
}
