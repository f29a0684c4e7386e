package io.hpcgateway.gateway.task;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * A worker: one task client beside one image, of one user, running as that user's Unix account
 * in a pilot job (its {@code jobId}) or a Kubernetes pod (its {@code pool}). The autoscaler counts these to decide what to start.
 */
@MongoEntity(collection = "task_workers")
public class TaskWorker extends PanacheMongoEntityBase {
    @BsonId
    public String id;
    public String owner;
    public String clusterUser;
    public String cluster;
    public String image;
    /** The pilot job that runs it (a gateway job of its owner's); null for a pod or a worker its user runs. */
    public String jobId;
    /** The task pool whose pod runs it, on Kubernetes. */
    public String pool;
    public WorkerState state;
    public Instant createdAt;
    /** When its pilot's wall-clock limit ends, as far as the gateway knows before the worker says. */
    public Instant deadline;
    public Instant lastSeenAt;
    /** When the leases it holds were last renewed: an exchange renews them only a third of a lease later. */
    public Instant leasesRenewedAt;
    /** Tasks it finished, and their execution time: the farm's utilisation of its pilot. */
    public long tasksDone;
    public long busyMillis;
    public Instant endedAt;
    public String endReason;
}
