package io.hpcgateway.gateway.job;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * A job as the gateway tracks it. Every change is a single-document conditional update on
 * {@code version} (see {@link JobStore}): no transactions, no lost updates between the API, the
 * reconciler and a restarted gateway.
 */
@MongoEntity(collection = "jobs")
public class GatewayJob extends PanacheMongoEntityBase {
    @BsonId
    public String id;
    public String owner;
    public String clusterUser;
    public String name;
    public String cluster;
    /** The scheduling decision that placed the job; null when its creator named the cluster. */
    public String schedulingDecision;
    /** Its cluster's prices when it was made, in basis points of the rate card (null: 10000). */
    public Integer rateBps;
    /**
     * When something was first written into its folder (an upload began): from then on the job is
     * tied to its cluster, and is never placed again elsewhere.
     */
    public Instant filesWrittenAt;
    /** The job's folder on the cluster: {@code <user root>/<clusterUser>/hpc-gateway/<id>}. */
    public String folder;
    public String script;
    /** The template version ({@code id@version}) the script was rendered from, for template jobs. */
    public String template;
    public String partition;
    public String timeLimit;
    public Map<String, String> env;
    /** The request in the caller's own words (native, legacy v1 or MarketPlace), shown back unchanged. */
    public Map<String, Object> parameters;
    public JobState state;
    public long version;
    /** Set when a launch claims the job, before anything reaches the scheduler. */
    public Instant launchClaimedAt;
    /** Claims made so far; after the first, an earlier attempt may have reached the scheduler. */
    public int launchAttempts;
    public Long schedulerJobId;
    public String schedulerState;
    public String stateReason;
    public Integer exitCode;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant submittedAt;
    public Instant startedAt;
    public Instant finishedAt;
    /** When a cancel reached the scheduler; its CANCELLED state follows with a reconcile cycle. */
    public Instant cancelRequestedAt;
    /** Consecutive reconcile cycles in which the scheduler's list did not show the job. */
    public int reconcileMisses;
    public List<JobEvent> events = new ArrayList<>();
    /** Set once the job's final usage record is written, or it was marked unaccounted (see usage). */
    public boolean usageComplete;
    /** When the usage reporter last read the job: it reads the least recently read first, so none starves. */
    public Instant usageCheckedAt;
    /**
     * The effect key of the {@code Idempotency-Key} request that created the job (unique): a retry
     * after a crash between the insert and the stored answer finds this job instead of making one.
     */
    public String creationKey;

    /** The name the job carries in the scheduler, by which a lost submission is found again. */
    public String schedulerName() {
        return "hpcgw-" + id;
    }
}
