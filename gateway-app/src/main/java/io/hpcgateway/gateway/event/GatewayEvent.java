package io.hpcgateway.gateway.event;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.Map;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * One entry of the event log: something that happened to a user's job (and, as they come, tasks,
 * templates and charges). Ids come from one sequence shared by every gateway on the database, so
 * they order the log and let a stream resume after any of them ({@code Last-Event-ID}).
 */
@MongoEntity(collection = "events")
public class GatewayEvent extends PanacheMongoEntityBase {
    @BsonId
    public long id;
    /** What happened, for example {@code job.state}. */
    public String type;
    /** The subject of the user the event belongs to; only they see it. */
    public String owner;
    public String jobId;
    public Instant at;
    /** The event's own fields (for a job state change: from, to, reason, scheduler job id). */
    public Map<String, Object> data;
}
