package io.hpcgateway.gateway.billing;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A customer's objection to a job's charge (seed 002's dispute flow): open until an admin resolves it. */
@MongoEntity(collection = "disputes")
@Schema(name = "Dispute")
public class Dispute extends PanacheMongoEntityBase {
    @BsonId
    public String id;
    public String jobId;
    public String owner;
    public String reason;
    public Status status;
    public Instant flaggedAt;
    /** For an upheld dispute: what is credited back on the job's charge. */
    public long refundAmount;
    public String resolutionNote;
    public String resolvedBy;
    public Instant resolvedAt;

    public enum Status {
        OPEN, UPHELD, REJECTED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase();
        }
    }
}
