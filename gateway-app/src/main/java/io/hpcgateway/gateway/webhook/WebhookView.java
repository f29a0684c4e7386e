package io.hpcgateway.gateway.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook as its owner sees it; the secret only in the answer that made it. */
@Schema(name = "Webhook")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(String id, String url,
                          @Schema(description = "The event types it gets; all when empty") List<String> events,
                          @Schema(description = "Set for a job's callbackUrl: that job's events only") String jobId,
                          Instant createdAt,
                          @Schema(description = "A job's callback that has delivered the job's last event") boolean done,
                          @Schema(description = "Failed deliveries in a row of the event it waits on") int failures,
                          @Schema(description = "When that event is tried again") Instant retryAt,
                          String lastError,
                          @Schema(description = "Until when the secret before the last rotation still signs too")
                          Instant previousSecretUntil,
                          @Schema(description = "The Standard Webhooks secret (whsec_...) that signs its deliveries; "
                                  + "shown once, when it is made") String secret) {

    static WebhookView of(Webhook webhook, boolean withSecret) {
        return new WebhookView(webhook.id, webhook.url, webhook.events, webhook.jobId, webhook.createdAt, webhook.done,
                webhook.failures, webhook.retryAt, webhook.lastError, webhook.previousUntil,
                withSecret ? webhook.secret : null);
    }

    /** What {@code POST /api/v2/webhooks} takes. */
    @Schema(name = "WebhookRequest")
    public record Request(@Schema(description = "Where to deliver: an https:// URL", required = true) String url,
                          @Schema(description = "Event types: job.submitted, job.queued, job.started, job.completed, job.failed, "
                                  + "job.cancelled, job.timeout, job.suspended, job.resumed, job.charged, task.batch.finished; all when absent")
                          List<String> events) {}

    /** One delivery attempt. */
    @Schema(name = "WebhookDelivery")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(String id, @Schema(description = "The event's stable id (its webhook-id header)") String eventId,
                           String type, int attempt, boolean redelivery, Instant at,
                           @Schema(description = "The receiver's HTTP status, if it answered") Integer status,
                           boolean delivered, String error, long millis) {
        static Delivery of(WebhookDelivery d) {
            return new Delivery(d.id, d.eventId, d.type, d.attempt, d.redelivery, d.at, d.status, d.delivered, d.error,
                    d.millis);
        }
    }
}
