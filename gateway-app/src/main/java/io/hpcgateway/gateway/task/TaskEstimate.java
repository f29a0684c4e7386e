package io.hpcgateway.gateway.task;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

/** What finished tasks of one {@link TaskKind} took: their number and summed execution time. */
@MongoEntity(collection = "task_estimates")
public class TaskEstimate extends PanacheMongoEntityBase {
    @BsonId
    public String id;
    public String type;
    public String version;
    public String image;
    public long count;
    public long totalMillis;
}
