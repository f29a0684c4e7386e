package io.hpcgateway.gateway.job;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.conversions.Bson;

/**
 * Persistence of jobs. State changes are conditional single-document updates: the filter holds
 * the version the caller read, so of two concurrent writers exactly one wins and the other
 * re-reads. Works the same on MongoDB and on the embedded server (no transactions needed).
 */
@ApplicationScoped
public class JobStore {

    private final Event<JobTransition> transitions;

    JobStore(Event<JobTransition> transitions) {
        this.transitions = transitions;
    }

    void createIndexes(@Observes @Priority(10) StartupEvent event) {
        GatewayJob.mongoCollection().createIndex(Indexes.ascending("owner", "state"));
        GatewayJob.mongoCollection().createIndex(Indexes.ascending("owner", "createdAt"));
        GatewayJob.mongoCollection().createIndex(Indexes.ascending("cluster", "state"));
        GatewayJob.mongoCollection().createIndex(Indexes.ascending("cluster", "usageComplete", "state"));
        GatewayJob.mongoCollection().createIndex(Indexes.ascending("creationKey"),
                new IndexOptions().unique(true).sparse(true));
    }

    /** The job an idempotent create already made, if any. */
    Optional<GatewayJob> createdWith(String creationKey) {
        return Optional.ofNullable(GatewayJob.<GatewayJob>mongoCollection().find(Filters.eq("creationKey", creationKey))
                .first());
    }

    /**
     * Stores a new job; when an idempotent create with the same key got there first (a retry that
     * took over a stale claim while the first try still ran), that job is the result instead.
     */
    GatewayJob insert(GatewayJob job) {
        try {
            job.persist();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY && job.creationKey != null) {
                return createdWith(job.creationKey).orElseThrow(() -> e);
            }
            throw e;
        }
        transitions.fire(new JobTransition(job, null, job.state, "created"));
        return job;
    }

    public Optional<GatewayJob> find(String id) {
        return Optional.ofNullable(GatewayJob.findById(id));
    }

    /** The owner's jobs, newest first, optionally of one state, from {@code offset} on. */
    List<GatewayJob> range(String owner, JobState state, int offset, int limit) {
        return GatewayJob.<GatewayJob>mongoCollection().find(ownerFilter(owner, state))
                .sort(Sorts.descending("createdAt")).skip(offset).limit(limit).into(new ArrayList<>());
    }

    long count(String owner, JobState state) {
        return GatewayJob.mongoCollection().countDocuments(ownerFilter(owner, state));
    }

    /** How many of the cluster's jobs are queued or running. */
    public long active(String cluster) {
        return GatewayJob.mongoCollection().countDocuments(Filters.and(Filters.eq("cluster", cluster),
                Filters.in("state", JobState.QUEUED, JobState.STARTING, JobState.RUNNING, JobState.SUSPENDED)));
    }

    /** Jobs the reconciler follows on a cluster: active ones and launches that were claimed. */
    List<GatewayJob> followed(String cluster) {
        Bson active = Filters.in("state", JobState.QUEUED, JobState.STARTING, JobState.RUNNING, JobState.SUSPENDED);
        Bson claimed = Filters.and(Filters.eq("state", JobState.PENDING), Filters.ne("launchClaimedAt", null));
        return GatewayJob.<GatewayJob>mongoCollection().find(Filters.and(Filters.eq("cluster", cluster),
                Filters.or(active, claimed))).into(new ArrayList<>());
    }

    /**
     * Jobs of a cluster whose usage is still to be recorded: running ones, and finished ones
     * without their final record, least recently read first. A job that never reached the
     * scheduler used nothing.
     */
    public List<GatewayJob> awaitingUsage(String cluster, int limit) {
        return GatewayJob.<GatewayJob>mongoCollection().find(Filters.and(Filters.eq("cluster", cluster),
                        Filters.ne("schedulerJobId", null), Filters.ne("usageComplete", true),
                        Filters.in("state", JobState.STARTING, JobState.RUNNING, JobState.SUSPENDED, JobState.COMPLETED,
                                JobState.FAILED, JobState.CANCELLED, JobState.TIMEOUT)))
                .sort(Sorts.ascending("usageCheckedAt", "createdAt")).limit(limit).into(new ArrayList<>());
    }

    /** Finished jobs of a cluster still without their final usage record. */
    public long awaitingFinalUsage(String cluster) {
        return GatewayJob.mongoCollection().countDocuments(Filters.and(Filters.eq("cluster", cluster),
                Filters.ne("schedulerJobId", null), Filters.ne("usageComplete", true),
                Filters.in("state", JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED, JobState.TIMEOUT)));
    }

    /** Sends the jobs to the back of the usage reporter's queue (only it writes this field). */
    public void markUsageChecked(List<String> jobIds, Instant at) {
        GatewayJob.mongoCollection().updateMany(Filters.in("_id", jobIds), Updates.set("usageCheckedAt", at));
    }

    /**
     * Marks the job as having files on its cluster, before they are written; only the first write
     * changes the document (no version check: it only ever goes from unset to set).
     */
    public void filesWritten(GatewayJob job) {
        if (job.filesWrittenAt == null) {
            GatewayJob.mongoCollection().updateOne(Filters.and(Filters.eq("_id", job.id), Filters.eq("filesWrittenAt", null)),
                    Updates.set("filesWrittenAt", Instant.now()));
        }
    }

    /** Only the usage reporter writes this flag, so it needs no version check. */
    public void markUsageComplete(String jobId) {
        GatewayJob.mongoCollection().updateOne(Filters.eq("_id", jobId), Updates.set("usageComplete", true));
    }

    /**
     * Moves the job from the state and version the caller read to {@code to}, recording an event,
     * with further field updates. Empty if another writer changed the job first.
     */
    Optional<GatewayJob> transition(GatewayJob job, JobState to, String reason, Bson... updates) {
        List<Bson> all = new ArrayList<>(List.of(updates));
        if (to != job.state) {
            all.add(Updates.set("state", to));
            all.add(Updates.push("events", new JobEvent(job.state, to, reason)));
        }
        Optional<GatewayJob> changed = update(job, all);
        if (to != job.state) {
            changed.ifPresent(stored -> transitions.fire(new JobTransition(stored, job.state, to, reason)));
        }
        return changed;
    }

    /** Changes fields without a state transition, under the same version check. */
    Optional<GatewayJob> update(GatewayJob job, List<Bson> updates) {
        List<Bson> all = new ArrayList<>(updates);
        all.add(Updates.set("updatedAt", Instant.now()));
        all.add(Updates.inc("version", 1L));
        return Optional.ofNullable(GatewayJob.<GatewayJob>mongoCollection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", job.id), Filters.eq("version", job.version)),
                Updates.combine(all), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    void delete(GatewayJob job) {
        GatewayJob.deleteById(job.id);
    }

    private static Bson ownerFilter(String owner, JobState state) {
        return state == null ? Filters.eq("owner", owner)
                : Filters.and(Filters.eq("owner", owner), Filters.eq("state", state));
    }
}
