package io.hpcgateway.gateway.webhook;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.hpcgateway.gateway.event.GatewayEvent;
import io.hpcgateway.gateway.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The delivery log: every attempt, and a redelivery on request. */
@ApplicationScoped
public class Deliveries {

    private final WebhookSender sender;

    Deliveries(WebhookSender sender) {
        this.sender = sender;
    }

    WebhookDelivery record(Webhook webhook, WebhookEvent event, int attempt, boolean redelivery,
                           WebhookSender.Outcome outcome) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.id = UUID.randomUUID().toString();
        delivery.webhook = webhook.id;
        delivery.owner = webhook.owner;
        delivery.eventId = event.id();
        delivery.type = event.type();
        delivery.logId = event.logId();
        delivery.attempt = attempt;
        delivery.redelivery = redelivery;
        delivery.at = Instant.now();
        delivery.status = outcome.status();
        delivery.delivered = outcome.delivered();
        delivery.error = outcome.error();
        delivery.millis = outcome.millis();
        delivery.persist();
        return delivery;
    }

    /** The webhook's attempts, newest first, before {@code before} (an attempt's time) when given. */
    List<WebhookDelivery> of(Webhook webhook, Instant before, int limit) {
        return WebhookDelivery.<WebhookDelivery>mongoCollection().find(Filters.and(Filters.eq("webhook", webhook.id),
                        before == null ? Filters.empty() : Filters.lt("at", before)))
                .sort(Sorts.descending("at")).limit(limit).into(new ArrayList<>());
    }

    /** Sends the event of an earlier attempt again, now (the same event id: a receiver that has it drops it). */
    WebhookDelivery redeliver(Webhook webhook, String deliveryId) throws InterruptedException {
        WebhookDelivery earlier = WebhookDelivery.<WebhookDelivery>findByIdOptional(deliveryId)
                .filter(d -> d.webhook.equals(webhook.id)).orElseThrow(() -> ApiException.notFound("Delivery", deliveryId));
        GatewayEvent entry = GatewayEvent.findById(earlier.logId);
        WebhookEvent event = entry == null ? null : WebhookEvent.of(entry).stream()
                .filter(e -> e.id().equals(earlier.eventId)).findFirst().orElse(null);
        if (event == null) {
            throw new ApiException(410, "event_gone", "The event of delivery " + deliveryId + " is no longer in the log",
                    java.util.Map.of("eventId", earlier.eventId));
        }
        int attempt = (int) WebhookDelivery.mongoCollection().countDocuments(Filters.and(
                Filters.eq("webhook", webhook.id), Filters.eq("eventId", event.id()))) + 1;
        return record(webhook, event, attempt, true, sender.send(webhook, event));
    }
}
