package io.hpcgateway.gateway.task;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.Map;
import org.bson.codecs.pojo.annotations.BsonId;

/** One submission of tasks: its owner, size and the images its tasks were mapped to. */
@MongoEntity(collection = "task_batches")
public class TaskBatch extends PanacheMongoEntityBase {
    @BsonId
    public String id;
    public String owner;
    public String cluster;
    public int size;
    /** Tasks per image name. */
    public Map<String, Integer> images;
    public Instant createdAt;
    /** Tasks in a final state: counted where each turns final, so the batch's end needs no scan of its tasks. */
    public long ended;
    /** The execution time of its tasks that ran, as their workers measured it: the batch's utilisation. */
    public long executionMillis;
    /** Set once, when its last task reached a final state (the batch's event is appended then). */
    public Instant finishedAt;
}
