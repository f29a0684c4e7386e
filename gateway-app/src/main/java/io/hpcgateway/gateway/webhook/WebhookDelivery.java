package io.hpcgateway.gateway.webhook;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/** One attempt to deliver one event to one webhook: the delivery log. */
@MongoEntity(collection = "webhook_deliveries")
public class WebhookDelivery extends PanacheMongoEntityBase {
    @BsonId
    public String id;
    public String webhook;
    public String owner;
    /** The event's stable id (the {@code webhook-id} header): the same on every attempt and redelivery. */
    public String eventId;
    public String type;
    /** The event-log entry it comes from. */
    public long logId;
    public int attempt;
    public boolean redelivery;
    public Instant at;
    /** The receiver's HTTP status, if it answered. */
    public Integer status;
    public boolean delivered;
    public String error;
    public long millis;
}
