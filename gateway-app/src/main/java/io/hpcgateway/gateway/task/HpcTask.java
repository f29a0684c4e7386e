package io.hpcgateway.gateway.task;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * One task of seed 003 ({@code HPCTask}) with what the farm made of it: the image the mapper chose
 * ({@code HPCTaskRunnable}), its lease while a worker holds it, and its outcome. Its id is
 * {@code <batch>.<index>}. Payload and result are JSON text, passed on unread.
 */
@MongoEntity(collection = "tasks")
public class HpcTask extends PanacheMongoEntityBase {
    @BsonId
    public String id;
    public String batch;
    /** Its place in the batch, and so in the queue: tasks of a batch are leased in this order. */
    public int index;
    public String owner;
    public String clusterUser;
    public String cluster;
    public String name;
    public String type;
    public String version;
    public String mapper;
    public String image;
    public String payload;
    public TaskState state;
    /** Leases taken so far; a worker's completion counts only for the attempt it was given. */
    public int attempts;
    public int maxAttempts;
    public String worker;
    public Instant leaseExpiresAt;
    /** The exchange that leased the task, or stored its completion: it finds what it wrote. */
    public String mark;
    public String result;
    public String error;
    /** Execution time as the worker measured it around the image's execute and complete. */
    public Long executionMillis;
    /** When its worker started it (the worker's clock), for the farm's overhead between tasks. */
    public Instant startedAt;
    public Instant createdAt;
    public Instant leasedAt;
    public Instant finishedAt;

    static String id(String batch, int index) {
        return batch + "." + index;
    }
}
