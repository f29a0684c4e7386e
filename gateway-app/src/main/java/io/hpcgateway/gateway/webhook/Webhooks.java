package io.hpcgateway.gateway.webhook;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.hpcgateway.gateway.audit.AuditLog;
import io.hpcgateway.gateway.event.EventFeed;
import io.hpcgateway.gateway.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Users' webhooks, and jobs' callbacks: checked when made (an https URL whose host resolves to
 * public addresses, or to networks the provider allowed), starting from the events stored after
 * that, owned by their user alone.
 */
@ApplicationScoped
public class Webhooks {

    private final WebhookConfig config;
    private final ReceiverAddresses addresses;
    private final EventFeed feed;
    private final AuditLog audit;

    Webhooks(WebhookConfig config, ReceiverAddresses addresses, EventFeed feed, AuditLog audit) {
        this.config = config;
        this.addresses = addresses;
        this.feed = feed;
        this.audit = audit;
    }

    WebhookView register(String owner, WebhookView.Request request) {
        if (request == null) {
            throw ApiException.badRequest("url", "Send {\"url\": \"https://...\", \"events\": [\"job.completed\", ...]}");
        }
        List<String> events = events(request.events());
        checked(request.url(), "url");
        if (Webhook.mongoCollection().countDocuments(Filters.and(Filters.eq("owner", owner), Filters.eq("jobId", null)))
                >= config.maxPerUser()) {
            throw ApiException.conflict("At most " + config.maxPerUser() + " webhooks per user: delete one first",
                    Map.of("maxPerUser", config.maxPerUser()));
        }
        Webhook webhook = webhook(UUID.randomUUID().toString(), owner, request.url(), events, null);
        webhook.persist();
        audit.record("webhook_registered", null, null, owner, Map.of("webhook", webhook.id, "url", webhook.url), true);
        return WebhookView.of(webhook, true);
    }

    /** Checks a job's {@code callbackUrl} before the job is made, so a bad one leaves no job behind. */
    public void checkCallback(String url) {
        if (url != null) {
            checked(url, "callbackUrl");
        }
    }

    /**
     * The callback webhook of a job (seed 001's nine events of that job), made once: a retried creation
     * (an idempotency key) gets the same one, secret included.
     */
    public WebhookView callback(String owner, String jobId, String url) {
        String id = "job-" + jobId;
        Webhook webhook = webhook(id, owner, url, List.of(), jobId);
        try {
            webhook.persist();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            webhook = Webhook.findById(id);
        }
        return WebhookView.of(webhook, true);
    }

    List<WebhookView> list(String owner) {
        return Webhook.<Webhook>mongoCollection().find(Filters.eq("owner", owner)).sort(Sorts.descending("createdAt"))
                .limit(500).map(w -> WebhookView.of(w, false)).into(new ArrayList<>());
    }

    Webhook owned(String owner, String id) {
        return Webhook.<Webhook>findByIdOptional(id).filter(w -> w.owner.equals(owner))
                .orElseThrow(() -> ApiException.notFound("Webhook", id));
    }

    /**
     * A new secret for the webhook, shown once; the old one goes on signing beside it for
     * {@code secret-overlap}, so the receiver can switch at its own pace.
     */
    WebhookView rotate(String owner, String id) {
        Webhook webhook = owned(owner, id);
        String secret = WebhookSignature.newSecret();
        Instant until = Instant.now().plus(config.secretOverlap());
        Webhook.mongoCollection().updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("secret", secret),
                Updates.set("previousSecret", webhook.secret),
                Updates.set("previousUntil", until)));
        audit.record("webhook_secret_rotated", null, null, owner, Map.of("webhook", id), true);
        webhook.previousSecret = webhook.secret;
        webhook.previousUntil = until;
        webhook.secret = secret;
        return WebhookView.of(webhook, true);
    }

    void delete(String owner, String id) {
        Webhook webhook = owned(owner, id);
        webhook.delete();
        audit.record("webhook_deleted", null, null, owner, Map.of("webhook", id), true);
    }

    private Webhook webhook(String id, String owner, String url, List<String> events, String jobId) {
        Webhook webhook = new Webhook();
        webhook.id = id;
        webhook.owner = owner;
        webhook.url = url;
        webhook.events = events;
        webhook.jobId = jobId;
        webhook.secret = WebhookSignature.newSecret();
        webhook.createdAt = Instant.now();
        webhook.cursor = feed.horizon(); // what happened before it was made is not news to it
        return webhook;
    }

    private void checked(String url, String field) {
        try {
            addresses.resolve(addresses.parse(url));
        } catch (ReceiverAddresses.Refused e) {
            throw ApiException.badRequest(field, e.getMessage());
        }
    }

    private static List<String> events(List<String> asked) {
        if (asked == null || asked.isEmpty()) {
            return List.of();
        }
        for (String type : asked) {
            if (!WebhookEvent.TYPES.contains(type)) {
                throw ApiException.badRequest("events", "'" + type + "' is not an event type; they are "
                        + String.join(", ", new TreeSet<>(WebhookEvent.TYPES)));
            }
        }
        return List.copyOf(new TreeSet<>(asked));
    }
}
