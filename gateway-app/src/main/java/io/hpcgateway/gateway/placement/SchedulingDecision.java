package io.hpcgateway.gateway.placement;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Why a job went where it went (seed 002's scheduling decision): every cluster considered, whether
 * it could take the job and, if not, why; the scores of those that could; the one chosen. Stored
 * when the job is made and never changed; a job placed again gets a new decision that names the
 * one it supersedes.
 */
@MongoEntity(collection = "scheduling_decisions")
@Schema(name = "SchedulingDecision")
public class SchedulingDecision extends PanacheMongoEntityBase {
    @BsonId
    public String id;
    public String owner;
    public String jobId;
    public Instant decidedAt;
    @Schema(description = "creation, or cluster_down when a pending job was placed again")
    public String trigger;
    @Schema(description = "The decision this one replaced, when the job was placed again")
    public String supersedes;
    @Schema(description = "The region proximity was measured from: the job's, else the user's; absent when neither")
    public String region;
    @Schema(description = "What the job asks for, as placement weighed it: the partition (absent: the default)")
    public String partition;
    public int nodes;
    public int cpus;
    @Schema(description = "GPUs in all (nodes x GPUs per node)")
    public int gpus;
    public Long memoryBytes;
    public Integer timeLimitMinutes;
    @Schema(description = "The run time it is priced for, in seconds (the time limit)")
    public long wallClockSeconds;
    public List<Candidate> candidates = new ArrayList<>();
    public String chosen;
    public String reason;
    @Schema(description = "How long deciding took, in microseconds")
    public long tookMicros;

    /** One cluster as placement saw it. Scores are 0..1; {@code score} is their weighted sum. */
    @Schema(name = "PlacementCandidate")
    public static class Candidate {
        public String cluster;
        public String region;
        public boolean eligible;
        @Schema(description = "Why the cluster could not take the job (ineligible only)")
        public String unfit;
        public Double capacity;
        public Double queue;
        public Double price;
        public Double proximity;
        public Double score;
        @Schema(description = "The job's estimated price there before discounts, in the currency's smallest unit")
        public Long estimate;
        @Schema(description = "When the capacity the scores used was read")
        public Instant capacityAt;
    }
}
