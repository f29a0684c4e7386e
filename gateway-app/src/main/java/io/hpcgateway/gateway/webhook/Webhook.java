package io.hpcgateway.gateway.webhook;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * A receiver of one user's lifecycle events: registered by the user, or made for one job by its
 * {@code callbackUrl}. Its cursor is the last event-log id it has been given (or that held nothing
 * for it); a delivery that fails holds the cursor, so later events wait and arrive in order.
 */
@MongoEntity(collection = "webhooks")
public class Webhook extends PanacheMongoEntityBase {
    @BsonId
    public String id;
    public String owner;
    public String url;
    /** The Standard Webhooks secret ({@code whsec_...}) that signs its deliveries; shown once. */
    public String secret;
    /** The secret before the last rotation, still signing beside the new one until {@code previousUntil}. */
    public String previousSecret;
    public Instant previousUntil;
    /** The event types it wants; all when empty. */
    public List<String> events;
    /** Set for a job's callback: only that job's events, and done after its last. */
    public String jobId;
    public Instant createdAt;
    public long cursor;
    public boolean done;
    /** Failed deliveries in a row of the event at the cursor, and when it is tried again. */
    public int failures;
    public Instant retryAt;
    public String lastError;
    /** The gateway delivering it now, until when: one instance delivers a webhook at a time, in order. */
    public String leaseHolder;
    public Instant leaseUntil;
}
