package io.hpcgateway.gateway.usage;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * One signed usage record in seed 001's format: a job's usage over one period, interim while it
 * runs and final once accounting is complete. Its id ({@code <cluster>-<job>-<sequence>}) is
 * deterministic, so a record is never written twice. Shown through {@link UsageRecordView}.
 */
@MongoEntity(collection = "usage_records")
public class UsageRecord extends PanacheMongoEntityBase {
    @BsonId
    public String id;
    public int sequence;
    public String jobId;
    public String clusterId;
    public Long schedulerJobId;
    public String providerId;
    /** The job's owner (token subject). */
    public String customer;
    public Instant periodStart;
    public Instant periodEnd;
    public UsageMetrics metrics;
    public Allocation allocation;
    public boolean finalRecord;
    public String jobState;
    public Instant timestamp;
    public String keyId;
    /** How the signed bytes were made ({@code RFC8785}); null on records signed before the names. */
    public String canonicalization;
    public String signature;
}
