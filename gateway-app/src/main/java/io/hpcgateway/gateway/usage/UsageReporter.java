package io.hpcgateway.gateway.usage;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import io.hpcgateway.gateway.cluster.Cluster;
import io.hpcgateway.gateway.cluster.ClusterCalls;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.cluster.Firecrest;
import io.hpcgateway.gateway.files.JobFiles;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobStore;
import io.hpcgateway.gateway.platform.ApiException;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Writes seed 001's usage records from the scheduler's accounting: an interim record per running
 * job every report interval, and one final record once the job has ended AND accounting has
 * written everything (sacct lags the controller). Accounting is asked in batches, one call per
 * batch of due jobs and cycle; a cycle reads the least recently read jobs, so a backlog larger
 * than a cycle is worked through in turn. A job accounting does not know yet waits and is retried
 * next cycle; after the accounting deadline it is marked unaccounted, never recorded as zero.
 */
@ApplicationScoped
public class UsageReporter {

    private static final Logger LOG = Logger.getLogger(UsageReporter.class);
    /** Due jobs read per cycle and cluster; more wait for the next cycle. */
    private static final int BATCHES_PER_CYCLE = 10;

    private final JobStore jobs;
    private final Clusters clusters;
    private final ClusterCalls calls;
    private final JobFiles files;
    private final UsageSigner signer;
    private final UsageMeters meters;
    private final Event<UsageReported> reported;
    private final Event<UsageUnaccounted> unaccounted;
    private final GatewayConfig.Usage config;

    UsageReporter(JobStore jobs, Clusters clusters, ClusterCalls calls, JobFiles files, UsageSigner signer,
                  UsageMeters meters, Event<UsageReported> reported, Event<UsageUnaccounted> unaccounted,
                  GatewayConfig config) {
        this.jobs = jobs;
        this.clusters = clusters;
        this.calls = calls;
        this.files = files;
        this.signer = signer;
        this.meters = meters;
        this.reported = reported;
        this.unaccounted = unaccounted;
        this.config = config.usage();
    }

    @Scheduled(every = "${gateway.reconcile.interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void cycle() {
        clusters.eachIndependently("Usage reporting", this::report);
    }

    /** One cycle for one cluster; returns the number of records written. */
    int report(Cluster cluster) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<GatewayJob> waiting = jobs.awaitingUsage(cluster.name(), config.batchSize() * BATCHES_PER_CYCLE);
        Map<String, UsageLedger> ledgers = ledgers(waiting);
        List<GatewayJob> due = waiting.stream().filter(job -> job.state.isFinal() || dueForInterim(ledgers.get(job.id), now))
                .toList();
        int written = 0;
        for (int from = 0; from < due.size(); from += config.batchSize()) {
            List<GatewayJob> batch = due.subList(from, Math.min(due.size(), from + config.batchSize()));
            Map<Long, Firecrest.Accounting> accounting = calls.accounting(cluster,
                            batch.stream().map(job -> job.schedulerJobId).toList()).stream()
                    .collect(Collectors.toMap(Firecrest.Accounting::jobId, Function.identity(), (a, b) -> a));
            for (GatewayJob job : batch) {
                UsageLedger ledger = ledgers.getOrDefault(job.id, UsageLedger.start(job.id));
                written += report(cluster, job, ledger, accounting.get(job.schedulerJobId), now) ? 1 : 0;
            }
        }
        if (!waiting.isEmpty()) {
            jobs.markUsageChecked(waiting.stream().map(job -> job.id).toList(), now);
        }
        meters.pending(cluster.name(), waiting.isEmpty() ? 0 : jobs.awaitingFinalUsage(cluster.name()));
        return written;
    }

    private boolean report(Cluster cluster, GatewayJob job, UsageLedger ledger, Firecrest.Accounting accounting,
                           Instant now) {
        boolean ended = job.state.isFinal();
        if (accounting == null || (ended && !accounting.complete()) || !measurable(accounting)) {
            awaitAccounting(job, ledger, now, accounting == null ? "accounting does not know the job yet"
                    : "accounting has not finished writing the job");
            return false;
        }
        if (!ended && (accounting.complete() || accounting.start() == null)) {
            return false; // not started yet, or ended a moment ago: the reconciler catches up first
        }
        Instant periodEnd = ended && accounting.end() != null ? Instant.ofEpochSecond(accounting.end()) : now;
        Instant start = accounting.start() != null ? Instant.ofEpochSecond(accounting.start()) : periodEnd;
        Allocation allocation = Allocation.of(accounting);
        UsageMetrics totals = UsageMetrics.totals(accounting, allocation,
                sampleStorage(job, ledger, start, periodEnd.isBefore(now) ? periodEnd : now));
        UsageRecord record = new UsageRecord();
        record.sequence = ledger.sequence + 1;
        record.id = cluster.name() + "-" + job.schedulerJobId + "-" + record.sequence;
        record.jobId = job.id;
        record.clusterId = cluster.name();
        record.schedulerJobId = job.schedulerJobId;
        record.providerId = config.providerId();
        record.customer = job.owner;
        record.periodStart = ledger.lastPeriodEnd != null ? ledger.lastPeriodEnd : start;
        record.periodEnd = periodEnd.isBefore(record.periodStart) ? record.periodStart : periodEnd;
        record.metrics = totals.minus(ledger.reported);
        record.allocation = allocation;
        record.finalRecord = ended;
        record.jobState = job.state.wireName();
        record.timestamp = now;
        signer.sign(record);
        String previousState = ledger.lastState;
        if (!insert(record, ledger)) {
            return false;
        }
        ledger.recorded(record);
        ledger.persistOrUpdate();
        if (ended) {
            jobs.markUsageComplete(job.id);
            job.usageComplete = true;
        }
        meters.sent(record);
        reported.fire(new UsageReported(record, previousState));
        return true;
    }

    private boolean dueForInterim(UsageLedger ledger, Instant now) {
        return ledger == null || ledger.lastPeriodEnd == null
                || !ledger.lastPeriodEnd.plus(config.reportInterval()).isAfter(now);
    }

    /**
     * The numbers every record needs. A row without them, or one of a started job without CPUs or
     * nodes (sacct shows that for a moment after the start), is accounting still writing; only a
     * job that never started holds nothing.
     */
    private static boolean measurable(Firecrest.Accounting accounting) {
        if (accounting.elapsedSeconds() == null || accounting.allocatedCpus() == null
                || accounting.allocatedNodes() == null) {
            return false;
        }
        boolean holdsSomething = accounting.allocatedCpus() > 0 && accounting.allocatedNodes() > 0;
        return holdsSomething || accounting.start() == null && accounting.complete();
    }

    private void awaitAccounting(GatewayJob job, UsageLedger ledger, Instant now, String why) {
        ledger.waiting(now, why);
        Instant ended = job.finishedAt != null ? job.finishedAt : ledger.waitingSince;
        if (job.state.isFinal() && ended.plus(config.accountingDeadline()).isBefore(now)) {
            String reason = why + " " + Duration.between(ended, now).toMinutes() + " minutes after the job ended";
            LOG.warnf("Job %s (scheduler job %d): no final usage record: %s", job.id, job.schedulerJobId, reason);
            jobs.markUsageComplete(job.id);
            job.usageComplete = true;
            unaccounted.fire(new UsageUnaccounted(job, reason));
        }
        ledger.persistOrUpdate();
    }

    /**
     * Integrates the job folder's size over time up to {@code until} (sizes held between samples),
     * sampling it now. Null while no sample ever succeeded: storage is then unknown, not zero.
     */
    private Long sampleStorage(GatewayJob job, UsageLedger ledger, Instant start, Instant until) {
        Long size;
        try {
            size = files.folderSize(job);
        } catch (ApiException e) {
            LOG.debugf("Job %s: folder size not sampled: %s", job.id, e.getMessage());
            size = null;
        }
        // Before the first sample, the first size stands for the time since the start.
        Long heldSize = ledger.storageBytes != null ? ledger.storageBytes : size;
        Instant heldSince = ledger.storageSampledAt != null ? ledger.storageSampledAt : start;
        if (heldSize != null) {
            long seconds = Math.max(0, Duration.between(heldSince, until).toSeconds());
            ledger.storageByteSeconds = (ledger.storageByteSeconds == null ? 0 : ledger.storageByteSeconds)
                    + heldSize * seconds;
            ledger.storageSampledAt = until.isAfter(heldSince) ? until : heldSince;
        }
        if (size != null) {
            ledger.storageBytes = size;
        }
        return ledger.storageByteSeconds;
    }

    /**
     * Inserts the record. If it exists already, the gateway stopped between writing it and its
     * ledger: the ledger takes the stored record in, and the job is measured again next cycle.
     */
    private boolean insert(UsageRecord record, UsageLedger ledger) {
        try {
            record.persist();
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            UsageRecord stored = UsageRecord.findById(record.id);
            ledger.recorded(stored);
            ledger.persistOrUpdate();
            if (stored.finalRecord) {
                jobs.markUsageComplete(stored.jobId);
            }
            return false;
        }
    }

    private static Map<String, UsageLedger> ledgers(List<GatewayJob> jobs) {
        Map<String, UsageLedger> ledgers = new HashMap<>();
        UsageLedger.<UsageLedger>mongoCollection().find(Filters.in("_id", jobs.stream().map(j -> j.id).toList()))
                .into(new ArrayList<>()).forEach(ledger -> ledgers.put(ledger.jobId, ledger));
        return ledgers;
    }
}
