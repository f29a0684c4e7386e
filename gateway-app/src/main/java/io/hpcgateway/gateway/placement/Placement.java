package io.hpcgateway.gateway.placement;

import com.mongodb.client.model.Indexes;
import io.hpcgateway.gateway.billing.BillableUsage;
import io.hpcgateway.gateway.billing.ChargeEstimate;
import io.hpcgateway.gateway.billing.Charges;
import io.hpcgateway.gateway.cluster.CapacityRefresh;
import io.hpcgateway.gateway.cluster.Cluster;
import io.hpcgateway.gateway.cluster.ClusterCapacity;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.cluster.SchedulerPolls;
import io.hpcgateway.gateway.job.JobPlan;
import io.hpcgateway.gateway.job.JobRequest;
import io.hpcgateway.gateway.platform.ApiException;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Chooses a cluster for a job that names none, and records why ({@link SchedulingDecision}).
 * A cluster is eligible when it is open to placement, its scheduler answered last time, and it can
 * run the job: the job plans there (a template's GPUs and interactive access are checked by
 * planning) and fits the partition (its state, time limit and nodes as last read). Eligible clusters are scored on idle capacity, queue depth,
 * price and proximity, weighted by {@code gateway.placement.*-weight}; a tie goes to the default
 * cluster, then by name. Everything it reads is cached (the capacity refresh, the last polls): it
 * makes no call to any scheduler.
 */
@ApplicationScoped
public class Placement {

    /** The chosen cluster, the job's plan there, and the decision (not stored yet: the job's id comes later). */
    public record Placed(Cluster cluster, JobPlan plan, SchedulingDecision decision) {}

    private final Clusters clusters;
    private final CapacityRefresh capacity;
    private final SchedulerPolls polls;
    private final Charges charges;
    private final GatewayConfig config;
    private final Timer timer;

    Placement(Clusters clusters, CapacityRefresh capacity, SchedulerPolls polls, Charges charges, GatewayConfig config,
              MeterRegistry registry) {
        this.clusters = clusters;
        this.capacity = capacity;
        this.polls = polls;
        this.charges = charges;
        this.config = config;
        this.timer = Timer.builder("hpc.placement.duration").description("Choosing a cluster for a job")
                .register(registry);
    }

    /**
     * Places a new job. {@code planner} plans it on a cluster and throws an {@link ApiException}
     * when that cluster cannot run it. Refused with 422 when no cluster can run the job.
     */
    public Placed place(JobRequest request, String userRegion, Function<Cluster, JobPlan> planner) {
        String region = blankToNull(request.region()) != null ? request.region() : blankToNull(userRegion);
        return decide(planner, plan -> ChargeEstimate.usage(plan, request), region, Set.of(), "creation", null);
    }

    /**
     * Places a pending job again because its cluster is down: the same plan and demand as
     * {@code previous} recorded, on another cluster.
     */
    public Placed placeAgain(SchedulingDecision previous, JobPlan plan, String deadCluster) {
        BillableUsage demand = new BillableUsage(previous.wallClockSeconds, previous.cpus, previous.nodes, previous.gpus,
                null, previous.memoryBytes, null, null);
        return decide(cluster -> plan, p -> demand, previous.region, Set.of(deadCluster), "cluster_down", previous.id);
    }

    private Placed decide(Function<Cluster, JobPlan> planner, Function<JobPlan, BillableUsage> demandOf, String region,
                          Set<String> excluded, String trigger, String supersedes) {
        long start = System.nanoTime();
        SchedulingDecision decision = new SchedulingDecision();
        decision.id = "dec_" + UUID.randomUUID().toString().replace("-", "");
        decision.decidedAt = Instant.now();
        decision.trigger = trigger;
        decision.supersedes = supersedes;
        decision.region = region;
        Map<String, JobPlan> plans = new HashMap<>();
        List<SchedulingDecision.Candidate> eligible = new ArrayList<>();
        List<SchedulingDecision.Candidate> fitButDown = new ArrayList<>();
        String field = null; // what to change, as the first cluster that refused the plan named it
        for (Cluster cluster : clusters.all()) {
            if (excluded.contains(cluster.name())) {
                continue;
            }
            SchedulingDecision.Candidate candidate = new SchedulingDecision.Candidate();
            candidate.cluster = cluster.name();
            candidate.region = cluster.region().orElse(null);
            decision.candidates.add(candidate);
            if (!cluster.placement()) {
                candidate.unfit = "not open to placement (gateway.clusters." + cluster.name() + ".placement=false): "
                        + "name it to use it";
                continue;
            }
            JobPlan plan;
            try {
                plan = planner.apply(cluster);
                candidate.unfit = unfit(cluster, plan, demandOf.apply(plan), candidate);
            } catch (ApiException e) {
                if (!UNSUITABLE.equals(e.error())) {
                    throw e; // the request itself is wrong (a parameter, an unknown template): no cluster helps
                }
                candidate.unfit = e.getMessage();
                field = field == null ? (String) e.details().get("field") : field;
                continue;
            }
            if (candidate.unfit != null) {
                continue;
            }
            plans.put(cluster.name(), plan);
            Optional<String> down = down(cluster);
            if (down.isPresent()) {
                candidate.unfit = down.get();
                fitButDown.add(candidate);
            } else {
                candidate.eligible = true;
                eligible.add(candidate);
            }
        }
        // A new job whose every fitting cluster failed its last call goes to the best of those: the
        // failure may be stale (a cluster that started after the gateway), and the job's creation
        // asks that cluster at once, answering 503 naming it if it is still down.
        boolean lastResort = eligible.isEmpty() && !fitButDown.isEmpty() && supersedes == null;
        List<SchedulingDecision.Candidate> pool = lastResort ? fitButDown : eligible;
        if (pool.isEmpty()) {
            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            throw refusal(decision, !fitButDown.isEmpty(), field);
        }
        score(pool, region, plans);
        pool.sort(Comparator.comparingDouble((SchedulingDecision.Candidate c) -> -c.score)
                .thenComparing(c -> !c.cluster.equals(config.defaultCluster()))
                .thenComparing(c -> c.cluster));
        SchedulingDecision.Candidate chosen = pool.get(0);
        decision.chosen = chosen.cluster;
        decision.reason = (lastResort ? "No cluster that fits answered its last call; the best of them, in case it is "
                + "back. " : "") + reason(chosen, pool, decision.candidates.size() - pool.size());
        JobPlan plan = plans.get(chosen.cluster);
        BillableUsage demand = demandOf.apply(plan);
        decision.partition = plan.partition();
        decision.nodes = demand.nodes();
        decision.cpus = demand.cpus();
        decision.gpus = demand.gpus();
        decision.memoryBytes = demand.memoryBytes();
        decision.wallClockSeconds = demand.wallClockSeconds();
        decision.timeLimitMinutes = minutes(plan);
        long took = System.nanoTime() - start;
        decision.tookMicros = took / 1000;
        timer.record(took, TimeUnit.NANOSECONDS);
        return new Placed(clusters.get(chosen.cluster), plan, decision);
    }

    void createIndexes(@Observes StartupEvent event) {
        SchedulingDecision.mongoCollection().createIndex(Indexes.ascending("owner", "decidedAt"));
        SchedulingDecision.mongoCollection().createIndex(Indexes.ascending("jobId"));
    }

    private static final String DOWN = "down: ";
    /** The refusal of planning that is about the cluster (GPUs, interactive access), not the request. */
    private static final String UNSUITABLE = "cluster_unsuitable";

    /** Why the cluster counts as down (its last call failed), or empty. */
    private Optional<String> down(Cluster cluster) {
        return polls.last(cluster.name()).filter(poll -> !poll.ok())
                .map(poll -> DOWN + "its scheduler did not answer at " + poll.at() + " (" + poll.problem() + ")");
    }

    /** Why the planned job does not fit the cluster, or null; fills the candidate's estimate. */
    private String unfit(Cluster cluster, JobPlan plan, BillableUsage usage, SchedulingDecision.Candidate candidate) {
        ClusterCapacity read = capacity.of(cluster.name()).filter(ClusterCapacity::reachable).orElse(null);
        if (read != null && !read.partitions().isEmpty()) {
            var partition = read.partition(plan.partition());
            if (partition.isEmpty()) {
                return plan.partition() == null ? "has no default partition"
                        : "has no partition '" + plan.partition() + "' (it has " + String.join(", ",
                        read.partitions().stream().map(ClusterCapacity.PartitionCapacity::name).toList()) + ")";
            }
            var p = partition.get();
            if (p.state() != null && !p.state().toUpperCase(Locale.ROOT).contains("UP")) {
                return "partition '" + p.name() + "' is " + p.state();
            }
            Integer minutes = minutes(plan);
            if (minutes != null && p.maxTimeMinutes() != null && minutes > p.maxTimeMinutes()) {
                return "partition '" + p.name() + "' allows " + p.maxTimeMinutes() + " minutes; the job asks for " + minutes;
            }
            if (p.nodes() > 0 && usage.nodes() > p.nodes()) {
                return "partition '" + p.name() + "' has " + p.nodes() + " node(s); the job asks for " + usage.nodes();
            }
            candidate.capacityAt = read.at();
        }
        candidate.estimate = charges.listPrice(usage, cluster.rateBps(), cluster.gpuModel().orElse(null));
        return null;
    }

    private void score(List<SchedulingDecision.Candidate> eligible, String region, Map<String, JobPlan> plans) {
        GatewayConfig.Placement weights = config.placement();
        long cheapest = eligible.stream().mapToLong(c -> c.estimate).min().orElse(0);
        for (SchedulingDecision.Candidate c : eligible) {
            ClusterCapacity read = capacity.of(c.cluster).filter(ClusterCapacity::reachable).orElse(null);
            c.capacity = round(read == null ? 0 : read.idleShare());
            c.queue = round(read == null ? 0 : 1.0 / (1 + pending(read, plans.get(c.cluster).partition())));
            c.price = round(c.estimate == 0 ? 1 : (double) cheapest / c.estimate);
            c.proximity = proximity(region, c.region);
            c.score = round((weights.capacityWeight() * c.capacity + weights.queueWeight() * c.queue
                    + weights.priceWeight() * c.price + weights.proximityWeight() * c.proximity) / 100.0);
        }
    }

    /** Jobs waiting in the partition the job goes to; in the whole cluster when its partitions are not known. */
    private static int pending(ClusterCapacity read, String partition) {
        return read.partition(partition).map(ClusterCapacity.PartitionCapacity::pending)
                .orElseGet(() -> read.partitions().stream().mapToInt(ClusterCapacity.PartitionCapacity::pending).sum());
    }

    /** 1 for the same region, 0.5 for the same area (the part before the first '-'), else 0. */
    static double proximity(String wanted, String region) {
        if (wanted == null || region == null) {
            return 0;
        }
        if (wanted.equalsIgnoreCase(region)) {
            return 1;
        }
        return area(wanted).equalsIgnoreCase(area(region)) ? 0.5 : 0;
    }

    private static String area(String region) {
        int dash = region.indexOf('-');
        return dash < 0 ? region : region.substring(0, dash);
    }

    private static String reason(SchedulingDecision.Candidate chosen, List<SchedulingDecision.Candidate> eligible,
                                 int unfit) {
        String others = unfit == 0 ? "" : "; " + unfit + " cluster(s) could not take it";
        if (eligible.size() == 1) {
            return "Placed on " + chosen.cluster + ", the only eligible cluster" + others;
        }
        SchedulingDecision.Candidate next = eligible.get(1);
        return "Placed on " + chosen.cluster + ": score " + chosen.score + " (capacity " + chosen.capacity + ", queue "
                + chosen.queue + ", price " + chosen.price + ", proximity " + chosen.proximity + ") against "
                + next.score + " for " + next.cluster + (chosen.score.equals(next.score) ? ", a tie broken by "
                + (chosen.cluster.equals(next.cluster) ? "name" : "preference for the default cluster, then name") : "")
                + others;
    }

    private static ApiException refusal(SchedulingDecision decision, boolean someDown, String field) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (field != null) {
            details.put("field", field);
        }
        Map<String, String> why = new LinkedHashMap<>();
        decision.candidates.forEach(c -> why.put(c.cluster, c.unfit));
        details.put("clusters", why);
        return someDown
                ? new ApiException(503, "no_cluster_available", "No cluster that could run this job is up now; try "
                        + "again later or name a cluster ('cluster')", details)
                : new ApiException(422, "no_cluster_fits", "No cluster can run this job as asked; details.clusters "
                        + "says why for each: change the request, or name a cluster ('cluster')", details);
    }

    private static Integer minutes(JobPlan plan) {
        try {
            return plan.timeLimitMinutes() == null ? null : Integer.valueOf(plan.timeLimitMinutes());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
