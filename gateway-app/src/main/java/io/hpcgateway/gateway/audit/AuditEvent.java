package io.hpcgateway.gateway.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.Map;
import org.bson.codecs.pojo.annotations.BsonId;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One audit event in seed 001's log format ({@code timestamp, event_type, job_id, cluster_id,
 * details, success}), plus who caused it. Details are built by the gateway from known fields
 * only: never request headers, bodies or tokens.
 */
@MongoEntity(collection = "audit")
@Schema(name = "AuditEvent")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuditEvent extends PanacheMongoEntityBase {
    @BsonId
    @JsonProperty("event_id")
    public String id;
    public Instant timestamp;
    @JsonProperty("event_type")
    public String eventType;
    @JsonProperty("job_id")
    public String jobId;
    @JsonProperty("cluster_id")
    public String clusterId;
    /** The subject that caused it; {@code hpc-gateway} for the gateway's own work. */
    public String actor;
    public Map<String, Object> details;
    public boolean success;
}
