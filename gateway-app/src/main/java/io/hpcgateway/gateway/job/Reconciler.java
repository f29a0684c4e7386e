package io.hpcgateway.gateway.job;

import com.mongodb.client.model.Updates;
import io.hpcgateway.gateway.cluster.Cluster;
import io.hpcgateway.gateway.cluster.ClusterCalls;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.cluster.Firecrest;
import io.hpcgateway.gateway.cluster.SchedulerPolls;
import io.hpcgateway.gateway.platform.ApiException;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

/**
 * Keeps every followed job in step with its scheduler. Each cycle makes ONE list call per cluster
 * with followed jobs, however many there are; the list covers live jobs and, through accounting,
 * those that left the queue. The followed jobs are read from the database each cycle, so a
 * restarted gateway picks every job up again. A job the list keeps missing is asked for alone,
 * and one the scheduler has no record of at all is failed rather than left orphaned.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    /** Cycles a job may be missing from the list (scheduler views lag) before it is asked for alone. */
    static final int MISSES_BEFORE_LOOKUP = 3;
    /** Single-job lookups per cluster and cycle, so that an accounting outage cannot become a storm. */
    static final int MAX_LOOKUPS_PER_CYCLE = 20;
    /** Extra width of the list's time window beyond the oldest followed job. */
    private static final Duration WINDOW_MARGIN = Duration.ofMinutes(10);

    private final JobStore store;
    private final Clusters clusters;
    private final ClusterCalls calls;
    private final Duration claimTimeout;
    private final SchedulerPolls polls;
    private final JobService jobs;

    Reconciler(JobStore store, Clusters clusters, ClusterCalls calls, SchedulerPolls polls, JobService jobs,
               GatewayConfig config) {
        this.store = store;
        this.jobs = jobs;
        this.polls = polls;
        this.clusters = clusters;
        this.calls = calls;
        this.claimTimeout = config.reconcile().launchClaimTimeout();
    }

    @Scheduled(every = "${gateway.reconcile.interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void cycle() {
        clusters.eachIndependently("Reconciling", this::reconcile);
    }

    /** One cycle for one cluster; returns the number of jobs it followed. */
    int reconcile(Cluster cluster) {
        List<GatewayJob> followed = store.followed(cluster.name());
        if (followed.isEmpty()) {
            return 0;
        }
        Instant oldest = followed.stream().map(Reconciler::since).min(Comparator.naturalOrder()).orElseThrow();
        long start = System.nanoTime();
        List<Firecrest.Job> seen;
        try {
            seen = calls.allJobs(cluster, Duration.between(oldest, Instant.now()).plus(WINDOW_MARGIN));
        } catch (ApiException e) {
            polls.failed(cluster, Duration.ofNanos(System.nanoTime() - start), e);
            throw e;
        }
        polls.succeeded(cluster, Duration.ofNanos(System.nanoTime() - start), followed.size());
        Map<Long, Firecrest.Job> byId = new HashMap<>();
        Map<String, Firecrest.Job> byName = new HashMap<>();
        for (Firecrest.Job job : seen) {
            byId.put(job.jobId(), job);
            byName.merge(job.name(), job, (a, b) -> a.jobId() < b.jobId() ? a : b);
        }
        int lookups = 0;
        for (GatewayJob job : followed) {
            if (job.schedulerJobId == null) {
                adoptOrSettle(job, byName.get(job.schedulerName()));
            } else if (byId.containsKey(job.schedulerJobId) && complete(byId.get(job.schedulerJobId))) {
                apply(job, byId.get(job.schedulerJobId));
            } else if (job.reconcileMisses + 1 < MISSES_BEFORE_LOOKUP) {
                store.update(job, List.of(Updates.inc("reconcileMisses", 1)));
            } else if (lookups++ < MAX_LOOKUPS_PER_CYCLE) {
                lookUp(cluster, job);
            }
        }
        return followed.size();
    }

    /**
     * A claimed launch without a scheduler id: the gateway stopped between claiming and recording,
     * or the cluster stopped answering mid-submission. Found by name, it is adopted; still missing
     * after the claim timeout, the job service settles it (submits once more, or gives it back).
     */
    private void adoptOrSettle(GatewayJob job, Firecrest.Job found) {
        if (found != null) {
            Optional<GatewayJob> adopted = store.update(job, List.of(Updates.set("schedulerJobId", found.jobId()),
                    Updates.set("submittedAt", Instant.now())));
            adopted.ifPresent(j -> apply(j, found));
        } else if (job.launchClaimedAt.plus(claimTimeout).isBefore(Instant.now())) {
            jobs.settleUnknownLaunch(job);
        }
    }

    /**
     * Accounting can show a job's final state a moment before its exit code; such a row is treated
     * as not seen yet, so the exit code is never recorded as unknown while it is on its way.
     */
    static boolean complete(Firecrest.Job seen) {
        return JobState.fromSlurm(seen.status().state()).map(state -> !state.isFinal()).orElse(true)
                || seen.status().exitCode() != null;
    }

    /** A job the list kept missing, asked for alone; if the scheduler has no record, it failed. */
    private void lookUp(Cluster cluster, GatewayJob job) {
        Optional<Firecrest.Job> alone = calls.job(cluster, job.schedulerJobId);
        if (alone.isPresent()) {
            apply(job, alone.get());
        } else {
            store.transition(job, JobState.FAILED, "the scheduler has no record of job " + job.schedulerJobId,
                    Updates.set("stateReason", "lost by the scheduler"), Updates.set("finishedAt", Instant.now()));
        }
    }

    /** Applies what the scheduler reports, if it changes anything. */
    void apply(GatewayJob job, Firecrest.Job seen) {
        String slurmState = seen.status().state();
        Optional<JobState> mapped = JobState.fromSlurm(slurmState);
        if (mapped.isEmpty()) {
            LOG.warnf("Job %s: unknown scheduler state '%s'; keeping %s", job.id, slurmState, job.state);
            return;
        }
        JobState to = mapped.get();
        boolean unchanged = to == job.state && Objects.equals(slurmState, job.schedulerState)
                && job.reconcileMisses == 0;
        if (unchanged) {
            return;
        }
        List<Bson> updates = new ArrayList<>(List.of(Updates.set("schedulerState", slurmState),
                Updates.set("reconcileMisses", 0)));
        // A job the gateway asked to stop keeps its own reason (e.g. a revoked template) while SLURM
        // still runs it and once it is cancelled; SLURM's "None" says nothing. Only if it ends some
        // other way first is SLURM's reason the one that counts.
        boolean requested = to == JobState.CANCELLED && job.cancelRequestedAt != null;
        boolean stopping = job.cancelRequestedAt != null && (requested || !to.isFinal());
        if (seen.status().stateReason() != null && !stopping) {
            updates.add(Updates.set("stateReason", seen.status().stateReason()));
        }
        if (job.startedAt == null && seen.time() != null && seen.time().start() != null && to != JobState.QUEUED) {
            updates.add(Updates.set("startedAt", Instant.ofEpochSecond(seen.time().start())));
        }
        if (to.isFinal()) {
            updates.add(Updates.set("exitCode", seen.status().exitCode()));
            updates.add(Updates.set("finishedAt", seen.time() != null && seen.time().end() != null
                    ? Instant.ofEpochSecond(seen.time().end()) : Instant.now()));
        }
        store.transition(job, to, "scheduler reports " + slurmState + (requested ? " (" + job.stateReason + ")" : ""),
                updates.toArray(Bson[]::new));
    }

    private static Instant since(GatewayJob job) {
        return job.submittedAt != null ? job.submittedAt : job.launchClaimedAt != null ? job.launchClaimedAt : job.createdAt;
    }
}
