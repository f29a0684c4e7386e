package io.hpcgateway.gateway.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.hpcgateway.gateway.platform.QueryParams;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns a user's part of the feed into server-sent events, and answers the JSON pages of the log.
 */
@ApplicationScoped
public class EventStreams {

    /** How long a browser waits before it reconnects after a stream ends. */
    private static final long RECONNECT_MILLIS = 3000;
    private static final int MAX_PAGE = 1000;
    /** The name of the event that says the replay is over and live events follow. */
    static final String OPEN = "stream.open";

    private final EventFeed feed;
    private final EventLog log;
    private final ObjectMapper json;
    private final GatewayConfig.Events config;

    EventStreams(EventFeed feed, EventLog log, ObjectMapper json, GatewayConfig config) {
        this.feed = feed;
        this.log = log;
        this.json = json;
        this.config = config.events();
    }

    /**
     * The stream: replayed events, then an event {@code stream.open} whose id is the horizon
     * reached (so a client that reconnects before any event arrives resumes from there), then
     * live ones; a comment every {@code gateway.events.keep-alive} in between.
     */
    public Multi<OutboundSseEvent> stream(Sse sse, String owner, String jobId, String lastEventId) {
        Long after = QueryParams.wholeNumber("Last-Event-ID", lastEventId);
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> {
            EventFeed.Subscription subscription = feed.subscribe(owner, jobId, after, new EventFeed.Listener() {
                @Override
                public void event(GatewayEvent event) {
                    emitter.emit(sse.newEventBuilder().id(Long.toString(event.id)).name(event.type)
                            .mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, write(EventView.of(event)))
                            .build());
                }

                @Override
                public void ready(long horizon) {
                    emitter.emit(sse.newEventBuilder().id(Long.toString(horizon)).name(OPEN)
                            .reconnectDelay(RECONNECT_MILLIS).mediaType(MediaType.APPLICATION_JSON_TYPE)
                            .data(String.class, "{\"lastId\":" + horizon + "}").build());
                }

                @Override
                public void failed(RuntimeException e) {
                    emitter.fail(e);
                }

                @Override
                public void ended() {
                    emitter.complete();
                }
            });
            long every = config.keepAlive().toMillis();
            ScheduledFuture<?> keepAlive = Infrastructure.getDefaultWorkerPool().scheduleAtFixedRate(
                    () -> emitter.emit(sse.newEventBuilder().comment("keep-alive").build()), every, every,
                    TimeUnit.MILLISECONDS);
            emitter.onTermination(() -> {
                keepAlive.cancel(false);
                subscription.close();
            });
        }, BackPressureStrategy.BUFFER);
    }

    public EventView.Page page(String owner, String jobId, String after, String limit) {
        Long given = QueryParams.wholeNumber("after", after);
        long from = given == null ? 0 : given;
        int size = QueryParams.integer("limit", limit, 100, 1, MAX_PAGE);
        List<EventView> items = log.ofOwner(owner, jobId, from, feed.horizon(), size).stream().map(EventView::of).toList();
        return new EventView.Page(items, items.isEmpty() ? from : items.get(items.size() - 1).id());
    }

    private String write(EventView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
