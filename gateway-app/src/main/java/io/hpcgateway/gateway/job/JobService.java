package io.hpcgateway.gateway.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Updates;
import io.hpcgateway.gateway.cluster.Cluster;
import io.hpcgateway.gateway.cluster.ClusterCalls;
import io.hpcgateway.gateway.cluster.ClusterUnavailableException;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.cluster.Firecrest;
import io.hpcgateway.gateway.cluster.SchedulerPolls;
import io.hpcgateway.gateway.event.EventLog;
import io.hpcgateway.gateway.idempotency.IdempotencyKeys;
import io.hpcgateway.gateway.idempotency.IdempotentRequest;
import io.hpcgateway.gateway.identity.ClusterAccounts;
import io.hpcgateway.gateway.identity.UserAccount;
import io.hpcgateway.gateway.placement.Placement;
import io.hpcgateway.gateway.placement.SchedulingDecision;
import io.hpcgateway.gateway.platform.ApiException;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.hpcgateway.gateway.template.TemplateJobs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

/**
 * The job lifecycle on behalf of users: create, launch (exactly once), cancel, delete. Users see
 * only their own jobs; another user's job id answers 404, as if it did not exist.
 */
@ApplicationScoped
public class JobService {

    /** A reconciler writes a job at most once a cycle: a handful of tries always lands a change. */
    private static final int UPDATE_ATTEMPTS = 5;
    /** Submissions of one job whose outcome stayed unknown before the gateway gives the launch back to the user. */
    static final int MAX_LAUNCH_ATTEMPTS = 3;
    private static final int LAUNCH_RETRY_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(JobService.class);

    static final int MAX_PAGE = 500;
    /** The event a placement (at creation, or again when its cluster went down) appends to the job's stream. */
    public static final String JOB_PLACED = "job.placed";

    private final JobStore store;
    private final Clusters clusters;
    private final ClusterCalls calls;
    private final TemplateJobs templates;
    private final List<String> containerRuntimes;
    private final ObjectMapper json;
    private final ClusterAccounts accounts;
    private final IdempotencyKeys idempotency;
    private final Placement placement;
    private final SchedulerPolls polls;
    private final EventLog events;

    JobService(JobStore store, Clusters clusters, ClusterCalls calls, TemplateJobs templates, GatewayConfig config,
               ObjectMapper json, ClusterAccounts accounts, IdempotencyKeys idempotency, Placement placement,
               SchedulerPolls polls, EventLog events) {
        this.placement = placement;
        this.polls = polls;
        this.events = events;
        this.accounts = accounts;
        this.idempotency = idempotency;
        this.store = store;
        this.templates = templates;
        this.clusters = clusters;
        this.calls = calls;
        this.containerRuntimes = config.jobs().containerRuntimes();
        this.json = json.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** Creates a job from the native request; its parameters are that request. */
    public GatewayJob create(UserAccount user, JobRequest request) {
        return create(user, request, json.convertValue(request, new TypeReference<Map<String, Object>>() {}));
    }

    /** What the request would run, rendered and checked, without creating anything (a dry run). */
    public JobPlan preview(UserAccount user, JobRequest request) {
        return placed(user, request).plan();
    }

    /**
     * Where the request would go and what it would run there: the cluster it names, or the one
     * placement chooses (with the decision, not stored). Nothing is created.
     */
    public Placement.Placed placed(UserAccount user, JobRequest request) {
        JobScripts.validate(request);
        if (request.cluster() != null && !request.cluster().isBlank()) {
            Cluster cluster = clusters.get(request.cluster());
            return new Placement.Placed(cluster, plan(request, cluster), null);
        }
        return placement.place(request, user.region, cluster -> plan(request, cluster));
    }

    /**
     * Creates a job (state pending) and its folder on the cluster. {@code parameters} are the
     * caller's own words for the request (legacy or MarketPlace vocabulary), kept to show back.
     */
    public GatewayJob create(UserAccount user, JobRequest request, Map<String, Object> parameters) {
        Placement.Placed placed = placed(user, request);
        Cluster cluster = placed.cluster();
        JobPlan plan = placed.plan();
        Optional<IdempotentRequest.Effect> effect = idempotency.effect();
        Optional<GatewayJob> earlier = effect.filter(IdempotentRequest.Effect::mayExist)
                .flatMap(resumed -> store.createdWith(resumed.key()));
        if (earlier.isPresent()) {
            return earlier.get(); // an earlier try of this very request made it, then died before answering
        }
        GatewayJob job = new GatewayJob();
        job.creationKey = effect.map(IdempotentRequest.Effect::key).orElse(null);
        job.id = UUID.randomUUID().toString();
        job.owner = user.subject;
        job.clusterUser = accounts.of(user, cluster.name());
        job.name = request.name();
        job.cluster = cluster.name();
        job.rateBps = cluster.rateBps();
        job.folder = calls.userHome(cluster, job.clusterUser) + "/hpc-gateway/" + job.id;
        job.script = plan.script();
        job.partition = plan.partition();
        job.timeLimit = plan.timeLimitMinutes();
        job.env = plan.env();
        job.template = plan.template();
        job.parameters = parameters;
        job.state = JobState.PENDING;
        job.createdAt = Instant.now();
        job.updatedAt = job.createdAt;
        job.events.add(new JobEvent(null, JobState.PENDING, "created"));
        calls.mkdirs(cluster, job.clusterUser, job.folder);
        if (placed.decision() == null) {
            return store.insert(job);
        }
        // Stored before the job, so that a job never links a decision that is not there.
        job.schedulingDecision = placed.decision().id;
        keep(placed.decision(), job);
        GatewayJob made = store.insert(job);
        announce(placed.decision(), made);
        return made;
    }

    private static void keep(SchedulingDecision decision, GatewayJob job) {
        decision.jobId = job.id;
        decision.owner = job.owner;
        decision.persist();
    }

    /** Says in the job's event stream where it was placed and why. */
    private void announce(SchedulingDecision decision, GatewayJob job) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cluster", decision.chosen);
        data.put("decision", decision.id);
        data.put("trigger", decision.trigger);
        data.put("reason", decision.reason);
        events.append(JOB_PLACED, job.owner, job.id, data);
    }

    public JobView.Page list(UserAccount user, JobState state, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw ApiException.badRequest("size", "'page' must be 0 or more and 'size' between 1 and " + MAX_PAGE);
        }
        List<JobView> items = new ArrayList<>();
        store.range(user.subject, state, page * size, size).forEach(job -> items.add(JobView.of(job, false)));
        return new JobView.Page(items, page, size, store.count(user.subject, state));
    }

    /** The caller's jobs, newest first, from {@code offset} on: the MarketPlace APIs page this way. */
    public List<GatewayJob> range(UserAccount user, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw ApiException.badRequest("limit", "'offset' must be 0 or more and 'limit' between 1 and " + MAX_PAGE);
        }
        return store.range(user.subject, null, offset, limit);
    }

    public long count(UserAccount user) {
        return store.count(user.subject, null);
    }

    /** The caller's job, or 404: another user's job is indistinguishable from none. */
    public GatewayJob owned(UserAccount user, String id) {
        return store.find(id).filter(job -> job.owner.equals(user.subject))
                .orElseThrow(() -> ApiException.notFound("Job", id));
    }

    /**
     * Submits the job once, whatever happens around it. The launch is claimed in the database
     * first, so concurrent launches submit nothing twice. The job carries its gateway id as its
     * scheduler name: the reconciler adopts a submission whose answer was lost (or a gateway that
     * died right after sbatch), and a later attempt, after such a claim was released, looks for
     * the earlier submission by name before submitting.
     */
    public GatewayJob launch(UserAccount user, String id) {
        return launch(user, id, true);
    }

    /** {@code mayMove}: whether a job placed on a cluster that is down may be placed again first (once per launch). */
    private GatewayJob launch(UserAccount user, String id, boolean mayMove) {
        GatewayJob job = owned(user, id);
        if (job.state.isFinal()) {
            throw ApiException.conflict("Job " + id + " has finished (" + job.state + "); create a new job to run again",
                    Map.of("state", job.state));
        }
        if (job.state != JobState.PENDING || job.launchClaimedAt != null) {
            return job; // launched or launching: a second launch changes nothing
        }
        Optional<SchedulerPolls.Poll> failedPoll = polls.last(job.cluster).filter(poll -> !poll.ok());
        if (failedPoll.isPresent() && mayMove) {
            // Where it cannot move, the submission is tried all the same: the cluster may be back since.
            Optional<GatewayJob> moved = moveFromDeadCluster(user, job);
            if (moved.isPresent()) {
                job = moved.get();
                mayMove = false;
            }
        }
        Optional<GatewayJob> claim = store.update(job, List.of(Updates.set("launchClaimedAt", Instant.now()),
                Updates.inc("launchAttempts", 1)));
        if (claim.isEmpty()) {
            return owned(user, id);
        }
        try {
            return submitClaimed(claim.get()).orElseGet(() -> owned(user, id));
        } catch (ClusterUnavailableException e) {
            if (!e.mayHaveArrived()) {
                // Nothing reached the scheduler: the claim goes at once, so a retry submits.
                store.update(claim.get(), List.of(Updates.set("launchClaimedAt", null)));
                GatewayJob released = owned(user, id);
                if (mayMove && moveFromDeadCluster(user, released).isPresent()) {
                    return launch(user, id, false);
                }
                throw whyItStays(released, e);
            }
            throw new ApiException(503, "launch_outcome_unknown", "Cluster '" + job.cluster + "' stopped answering "
                    + "while job " + id + " was being submitted, so whether it was is not known yet. The gateway "
                    + "settles it itself (it adopts the submission, or submits once more); follow the job's state.",
                    Map.of("jobId", id, "launching", true, "retryAfterSeconds", LAUNCH_RETRY_SECONDS));
        }
    }

    /**
     * Places a pending job again when its cluster is down, if nothing ties it there: it was placed
     * (not named) and nothing was written into its folder. The job gets a new decision, an account
     * and folder on the new cluster, and keeps its id and plan; its empty folder on the dead
     * cluster stays. Empty when the job is tied or no other cluster can take it now.
     */
    private Optional<GatewayJob> moveFromDeadCluster(UserAccount user, GatewayJob job) {
        if (job.schedulingDecision == null || job.filesWrittenAt != null) {
            return Optional.empty();
        }
        SchedulingDecision previous = SchedulingDecision.findById(job.schedulingDecision);
        if (previous == null) {
            return Optional.empty();
        }
        String dead = job.cluster;
        Placement.Placed placed;
        try {
            placed = placement.placeAgain(previous, new JobPlan(job.script, job.partition, job.timeLimit, job.env,
                    job.template, null, null), dead);
        } catch (ApiException e) {
            LOG.infof("Job %s stays on cluster %s, which is down: %s", job.id, dead, e.getMessage());
            return Optional.empty();
        }
        Cluster target = placed.cluster();
        String clusterUser = accounts.of(user, target.name());
        String folder = calls.userHome(target, clusterUser) + "/hpc-gateway/" + job.id;
        calls.mkdirs(target, clusterUser, folder);
        keep(placed.decision(), job);
        Optional<GatewayJob> moved = store.update(job, List.of(Updates.set("cluster", target.name()),
                Updates.set("clusterUser", clusterUser), Updates.set("folder", folder),
                Updates.set("rateBps", target.rateBps()), Updates.set("schedulingDecision", placed.decision().id),
                Updates.push("events", new JobEvent(JobState.PENDING, JobState.PENDING,
                        "placed again on " + target.name() + ": cluster " + dead + " is down"))));
        if (moved.isEmpty()) {
            return Optional.of(owned(user, job.id)); // changed meanwhile (a concurrent launch moved it): that stands
        }
        announce(placed.decision(), moved.get());
        return moved;
    }

    /** The 503 of a launch whose cluster is down and that cannot go elsewhere, saying why it stays. */
    private static ApiException whyItStays(GatewayJob job, ClusterUnavailableException down) {
        String why = job.filesWrittenAt != null ? "job " + job.id + "'s files are there"
                : job.schedulingDecision == null ? "job " + job.id + " was made for it by name"
                : "no other cluster can take job " + job.id + " now";
        return new ApiException(503, "cluster_unavailable", down.getMessage() + "; " + why
                + ": launch again when it is back", Map.of("cluster", job.cluster, "jobId", job.id,
                "retryAfterSeconds", LAUNCH_RETRY_SECONDS));
    }

    /**
     * A launch whose outcome stayed unknown past the claim timeout, and whose job the scheduler
     * does not show by name: submitted once more, as its user, where the gateway may act for users
     * outside their requests; released for the user to launch again where it may not (token
     * exchange) or after {@value #MAX_LAUNCH_ATTEMPTS} attempts.
     */
    void settleUnknownLaunch(GatewayJob job) {
        Cluster cluster = clusters.get(job.cluster);
        if (job.launchAttempts >= MAX_LAUNCH_ATTEMPTS || !cluster.actsForUsersOutsideRequests()) {
            store.update(job, List.of(Updates.set("launchClaimedAt", null),
                    Updates.set("stateReason", "the launch did not reach the scheduler; launch again")));
            return;
        }
        Optional<GatewayJob> claim = store.update(job, List.of(Updates.set("launchClaimedAt", Instant.now()),
                Updates.inc("launchAttempts", 1)));
        if (claim.isEmpty()) {
            return;
        }
        try {
            submitClaimed(claim.get());
        } catch (ApiException e) {
            LOG.warnf("Job %s: resubmission after an unknown launch outcome failed: %s", job.id, e.getMessage());
        }
    }

    /**
     * Submits a claimed job: once, after looking for an earlier attempt's submission by name. A
     * refusal fails the job; a cluster that does not answer leaves the claim to the caller.
     */
    private Optional<GatewayJob> submitClaimed(GatewayJob job) {
        Cluster cluster = clusters.get(job.cluster);
        long schedulerId;
        Optional<Firecrest.Job> earlier = job.launchAttempts > 1 ? earlierSubmission(cluster, job) : Optional.empty();
        if (earlier.isPresent()) {
            schedulerId = earlier.get().jobId();
        } else {
            try {
                schedulerId = calls.submit(cluster, job.clusterUser, description(job));
            } catch (ClusterUnavailableException e) {
                throw e;
            } catch (ApiException e) {
                store.transition(job, JobState.FAILED, "the scheduler refused the job: " + e.getMessage(),
                        Updates.set("stateReason", e.getMessage()), Updates.set("finishedAt", Instant.now()));
                throw new ApiException(422, "job_refused", "The scheduler refused the job: " + e.getMessage(),
                        Map.of("jobId", job.id, "state", JobState.FAILED));
            }
        }
        return store.transition(job, JobState.QUEUED, "submitted as scheduler job " + schedulerId,
                Updates.set("schedulerJobId", schedulerId), Updates.set("submittedAt", Instant.now()));
    }

    public GatewayJob cancel(UserAccount user, String id) {
        GatewayJob job = owned(user, id);
        return cancel(job, "cancel requested", false).orElseGet(() -> owned(user, id));
    }

    /** Stops a job whose template was revoked, whoever owns it (seed 000: running jobs are terminated). */
    void stopForRevocation(GatewayJob job, String reason) {
        if (job.state.isFinal() || (job.state == JobState.PENDING && job.launchClaimedAt != null)) {
            return; // finished, or on its way: the reconciler brings it to a state this runs on again
        }
        cancel(job, "template revoked: " + reason, true);
    }

    /** {@code byGateway}: the gateway's own decision, sent with its own token, not on the owner's behalf. */
    private Optional<GatewayJob> cancel(GatewayJob job, String reason, boolean byGateway) {
        String id = job.id;
        if (job.state.isFinal()) {
            throw ApiException.conflict("Job " + id + " has already finished (" + job.state + ")",
                    Map.of("state", job.state));
        }
        if (job.state == JobState.PENDING && job.launchClaimedAt != null) {
            throw ApiException.conflict("Job " + id + " is being launched; cancel it again in a moment",
                    Map.of("state", job.state));
        }
        if (job.state == JobState.PENDING) {
            return store.transition(job, JobState.CANCELLED, reason + " before launch",
                    Updates.set("stateReason", reason), Updates.set("finishedAt", Instant.now()));
        }
        // Marked before the scheduler hears of it: a reconcile that then sees CANCELLED either sees the
        // mark too, or wrote nothing (its version is stale) and reads it next cycle. Either way the
        // job keeps the reason it was stopped for.
        Optional<GatewayJob> marked = updateCurrent(job, List.of(Updates.set("stateReason", reason),
                Updates.set("cancelRequestedAt", Instant.now())));
        if (marked.isEmpty() || marked.get().state.isFinal()) {
            return marked;
        }
        try {
            Cluster cluster = clusters.get(job.cluster);
            if (byGateway) {
                calls.cancelAsGateway(cluster, job.schedulerJobId);
            } else {
                calls.cancel(cluster, job.clusterUser, job.schedulerJobId);
            }
        } catch (RuntimeException e) {
            updateCurrent(marked.get(), List.of(Updates.unset("cancelRequestedAt")));
            throw e;
        }
        // The scheduler's own CANCELLED state arrives with the next reconcile cycle.
        return marked;
    }

    /**
     * Applies the changes to the job as it is now: the update is conditional on the version, and
     * when the reconciler wrote the job since it was read, it is read again, unless it has ended.
     */
    private Optional<GatewayJob> updateCurrent(GatewayJob job, List<Bson> changes) {
        GatewayJob current = job;
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            Optional<GatewayJob> updated = store.update(current, changes);
            if (updated.isPresent()) {
                return updated;
            }
            Optional<GatewayJob> now = store.find(job.id);
            if (now.isEmpty() || now.get().state.isFinal()) {
                return now;
            }
            current = now.get();
        }
        return Optional.of(current);
    }

    /** Cancels the job if it is active, removes its folder on the cluster, then forgets it. */
    public void delete(UserAccount user, String id) {
        GatewayJob job = owned(user, id);
        if (job.state == JobState.PENDING && job.launchClaimedAt != null) {
            throw ApiException.conflict("Job " + id + " is being launched; delete it again in a moment",
                    Map.of("state", job.state));
        }
        Cluster cluster = clusters.get(job.cluster);
        if (job.state.isActive()) {
            calls.cancel(cluster, job.clusterUser, job.schedulerJobId);
        }
        try {
            calls.rm(cluster, job.clusterUser, job.folder);
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        store.delete(job);
    }

    private JobPlan plan(JobRequest request, Cluster cluster) {
        if (request.template() != null) {
            TemplateJobs.Plan plan = templates.plan(request, cluster);
            return new JobPlan(plan.script(), plan.partition(), plan.timeLimitMinutes(), Map.of(), plan.template(),
                    plan.resources(), plan.parameters());
        }
        return new JobPlan(JobScripts.render(request, containerRuntimes), request.partition(),
                JobScripts.timeLimit(request), JobScripts.env(request), null, null, null);
    }

    /** A job an earlier, released launch attempt may have submitted: found by its scheduler name. */
    private Optional<Firecrest.Job> earlierSubmission(Cluster cluster, GatewayJob job) {
        return calls.jobs(cluster, job.clusterUser, Duration.between(job.createdAt, Instant.now()).plusHours(1),
                job.schedulerName()).stream().findFirst();
    }

    private static Firecrest.JobDescription description(GatewayJob job) {
        return new Firecrest.JobDescription(job.schedulerName(), job.folder, job.script, job.partition, job.timeLimit,
                job.env);
    }
}
