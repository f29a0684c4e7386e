package io.hpcgateway.gateway.webhook;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.hpcgateway.gateway.event.EventFeed;
import io.hpcgateway.gateway.event.EventLog;
import io.hpcgateway.gateway.event.GatewayEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

/**
 * Delivers the event log to the webhooks, at least once and in order per webhook: each cycle
 * (every {@code poll-interval} for retries, and at once when the feed's horizon moves) it takes the
 * webhooks that have events below the feed's horizon and are not waiting out a retry, leases each
 * (one gateway delivers a webhook at a time), and walks its owner's events from its cursor. A
 * delivery that fails stops the walk there and is tried again after a back-off that doubles up to
 * {@code max-retry}; the cursor moves only past what was delivered.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 100;
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final WebhookConfig config;
    private final EventLog log;
    private final EventFeed feed;
    private final WebhookSender sender;
    private final Deliveries deliveries;
    private final MeterRegistry registry;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicBoolean woken = new AtomicBoolean();
    private ScheduledExecutorService loop;

    WebhookDispatcher(WebhookConfig config, EventLog log, EventFeed feed, WebhookSender sender, Deliveries deliveries,
                      MeterRegistry registry) {
        this.config = config;
        this.log = log;
        this.feed = feed;
        this.sender = sender;
        this.deliveries = deliveries;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        Webhook.mongoCollection().createIndex(Indexes.ascending("done", "cursor"));
        Webhook.mongoCollection().createIndex(Indexes.ascending("owner"));
        WebhookDelivery.mongoCollection().createIndex(Indexes.ascending("webhook", "at"));
        loop = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "webhook-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.pollInterval().toMillis();
        loop.scheduleWithFixedDelay(this::cycle, every, every, TimeUnit.MILLISECONDS);
        feed.onHorizon(horizon -> wake());
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.shutdownNow();
        }
    }

    /** The log is complete further (an event this gateway or another stored): deliver now, not at the next poll. */
    private void wake() {
        if (woken.compareAndSet(false, true)) {
            loop.execute(this::cycle);
        }
    }

    private void cycle() {
        woken.set(false);
        try {
            long horizon = feed.horizon();
            Instant now = Instant.now();
            for (Webhook webhook : due(horizon, now)) {
                if (claim(webhook, now)) {
                    try {
                        walk(webhook, horizon);
                    } finally {
                        release(webhook);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The database may be away for a moment: the cursors hold, the next cycle goes on from them.
            LOG.warnf("Webhook deliveries paused: %s", e.getMessage());
        }
    }

    private List<Webhook> due(long horizon, Instant now) {
        Bson notWaiting = Filters.or(Filters.eq("retryAt", null), Filters.lte("retryAt", now));
        Bson free = Filters.or(Filters.eq("leaseUntil", null), Filters.lt("leaseUntil", now));
        return Webhook.<Webhook>mongoCollection().find(Filters.and(Filters.eq("done", false),
                Filters.lt("cursor", horizon), notWaiting, free)).limit(1000).into(new ArrayList<>());
    }

    private boolean claim(Webhook webhook, Instant now) {
        return Webhook.mongoCollection().updateOne(Filters.and(Filters.eq("_id", webhook.id),
                        Filters.or(Filters.eq("leaseUntil", null), Filters.lt("leaseUntil", now))),
                Updates.combine(Updates.set("leaseHolder", instance), Updates.set("leaseUntil", now.plus(LEASE))))
                .getModifiedCount() == 1;
    }

    private void release(Webhook webhook) {
        Webhook.mongoCollection().updateOne(Filters.and(Filters.eq("_id", webhook.id),
                Filters.eq("leaseHolder", instance)), Updates.combine(Updates.set("leaseHolder", null),
                Updates.set("leaseUntil", null)));
    }

    /** Delivers the webhook's events after its cursor, up to the horizon, until one fails. */
    private void walk(Webhook webhook, long horizon) throws InterruptedException {
        long cursor = webhook.cursor;
        long stored = webhook.cursor;
        List<GatewayEvent> batch;
        do {
            batch = log.ofOwner(webhook.owner, webhook.jobId, cursor, horizon, BATCH);
            for (GatewayEvent entry : batch) {
                boolean sent = false;
                for (WebhookEvent event : WebhookEvent.of(entry)) {
                    if (!wanted(webhook, event)) {
                        continue;
                    }
                    sent = true;
                    WebhookSender.Outcome outcome = sender.send(webhook, event);
                    deliveries.record(webhook, event, webhook.failures + 1, false, outcome);
                    registry.counter("hpc.webhook.deliveries", "outcome", outcome.delivered() ? "delivered" : "failed")
                            .increment();
                    if (!outcome.delivered()) {
                        failed(webhook, cursor, outcome.error());
                        return;
                    }
                    webhook.failures = 0;
                    if (webhook.jobId != null && event.isFinal()) {
                        advance(webhook, entry.id, true);
                        return;
                    }
                }
                cursor = entry.id;
                if (sent) {
                    // Stored after each delivered entry: a gateway that dies next sends only what follows again.
                    advance(webhook, cursor, false);
                    stored = cursor;
                }
            }
        } while (batch.size() == BATCH);
        if (stored < horizon) {
            // Entries that were not for it, and the rest up to the horizon: one write for all of them.
            advance(webhook, horizon, false);
        }
    }

    private static boolean wanted(Webhook webhook, WebhookEvent event) {
        return webhook.events == null || webhook.events.isEmpty() || webhook.events.contains(event.type());
    }

    private void advance(Webhook webhook, long cursor, boolean done) {
        Webhook.mongoCollection().updateOne(Filters.and(Filters.eq("_id", webhook.id),
                Filters.eq("leaseHolder", instance)), Updates.combine(Updates.set("cursor", cursor),
                Updates.set("failures", 0), Updates.set("retryAt", null), Updates.set("lastError", null),
                Updates.set("done", done)));
    }

    private void failed(Webhook webhook, long cursor, String error) {
        int failures = webhook.failures + 1;
        long backoff = Math.min(config.maxRetry().toMillis(),
                config.firstRetry().toMillis() << Math.min(30, failures - 1));
        Webhook.mongoCollection().updateOne(Filters.and(Filters.eq("_id", webhook.id),
                Filters.eq("leaseHolder", instance)), Updates.combine(Updates.set("cursor", cursor),
                Updates.set("failures", failures), Updates.set("retryAt", Instant.now().plusMillis(backoff)),
                Updates.set("lastError", error)));
    }
}
