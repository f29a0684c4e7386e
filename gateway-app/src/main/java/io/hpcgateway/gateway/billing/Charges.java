package io.hpcgateway.gateway.billing;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.hpcgateway.gateway.audit.AuditLog;
import io.hpcgateway.gateway.event.EventLog;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobPlan;
import io.hpcgateway.gateway.job.JobRequest;
import io.hpcgateway.gateway.job.JobStore;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.hpcgateway.gateway.usage.UsageRecord;
import io.hpcgateway.gateway.usage.UsageReported;
import io.hpcgateway.gateway.usage.UsageStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Job charges: fixed from a job's usage records when its final record is written (or, if the
 * gateway stopped in between, when the charge is first asked for), estimated from the records so
 * far while it runs.
 */
@ApplicationScoped
public class Charges {

    private static final Logger LOG = Logger.getLogger(Charges.class);
    /** The event a job's final charge adds to its owner's event log: total, currency, period. */
    static final String JOB_CHARGED = "job.charge";

    private final UsageStore usage;
    private final JobStore jobs;
    private final DiscountPolicy discounts;
    private final AuditLog audit;
    private final EventLog events;
    private static final int BASIS_POINTS = 10_000;

    private final RateCard rates;

    Charges(UsageStore usage, JobStore jobs, DiscountPolicy discounts, AuditLog audit, EventLog events,
            GatewayConfig config) {
        this.usage = usage;
        this.jobs = jobs;
        this.discounts = discounts;
        this.audit = audit;
        this.events = events;
        this.rates = RateCard.of(config.billing());
    }

    public RateCard rates() {
        return rates;
    }

    void finalRecordWritten(@Observes UsageReported reported) {
        if (reported.record().finalRecord) {
            try {
                jobs.find(reported.record().jobId).ifPresent(this::finalCharge);
            } catch (RuntimeException e) {
                // The charge is made when next asked for; the usage record stands either way.
                LOG.errorf(e, "Charging job %s failed", reported.record().jobId);
            }
        }
    }

    /** The job's final charge, made now if its final usage record exists; empty while it has none. */
    Optional<JobCharge> finalCharge(GatewayJob job) {
        JobCharge existing = JobCharge.findById(job.id);
        return existing != null ? Optional.of(existing) : charge(job, usage.ofJob(job.id));
    }

    /** Makes the job's final charge from its records, if the last one is final. */
    private Optional<JobCharge> charge(GatewayJob job, List<UsageRecord> records) {
        if (records.isEmpty() || !records.get(records.size() - 1).finalRecord) {
            return Optional.empty();
        }
        Instant ended = records.get(records.size() - 1).periodEnd;
        JobCharge charge = new JobCharge();
        charge.jobId = job.id;
        charge.owner = job.owner;
        charge.cluster = job.cluster;
        charge.finishedAt = ended;
        charge.period = period(ended);
        charge.chargedAt = Instant.now();
        charge.invoice = ChargeCalculator.calculate(BillableUsage.of(records), rates(job),
                discounts.discounts(job.owner, spent(job.owner, charge.period, job.id), ended));
        try {
            charge.persist();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Optional.of(JobCharge.findById(job.id)); // charged concurrently: that charge stands
            }
            throw e;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("total", charge.invoice.total);
        details.put("currency", charge.invoice.currency);
        details.put("period", charge.period);
        audit.record("charge_finalized", job.id, job.cluster, job.owner, details, true);
        events.append(JOB_CHARGED, job.owner, job.id, details);
        return Optional.of(charge);
    }

    /** The rates a job is charged at: the card at its cluster's price when it was created. */
    private RateCard rates(GatewayJob job) {
        return rates.scaled(job.rateBps == null ? BASIS_POINTS : job.rateBps);
    }

    /**
     * What a job of {@code owner}'s would cost with this plan on a cluster priced at {@code rateBps}
     * with these GPUs, discounts as they stand today.
     */
    ChargeEstimate estimate(String owner, JobPlan plan, JobRequest request, int rateBps, String gpuModel) {
        BillableUsage usage = withModel(ChargeEstimate.usage(plan, request), gpuModel);
        Instant now = Instant.now();
        return new ChargeEstimate(plan, ChargeEstimate.basis(usage, plan), ChargeCalculator.calculate(usage,
                rates.scaled(rateBps), discounts.discounts(owner, spent(owner, period(now), null), now)));
    }

    /**
     * The price before discounts of a job using this on a cluster priced at {@code rateBps}:
     * what placement compares (a user's discounts are the same on every cluster).
     */
    public long listPrice(BillableUsage usage, int rateBps, String gpuModel) {
        return ChargeCalculator.calculate(withModel(usage, gpuModel), rates.scaled(rateBps), List.of()).total;
    }

    private static BillableUsage withModel(BillableUsage usage, String gpuModel) {
        return usage.gpus() == 0 || gpuModel == null ? usage : new BillableUsage(usage.wallClockSeconds(), usage.cpus(),
                usage.nodes(), usage.gpus(), gpuModel, usage.memoryBytes(), usage.storageGbHoursMicro(),
                usage.networkBytes());
    }

    /** What the job owes: its final charge, or an estimate from its usage records so far. */
    ChargeView view(GatewayJob job) {
        List<Dispute> disputes = Dispute.list("jobId", job.id);
        JobCharge existing = JobCharge.findById(job.id);
        if (existing != null) {
            return ChargeView.of(existing, disputes);
        }
        List<UsageRecord> records = usage.ofJob(job.id);
        Optional<JobCharge> charge = charge(job, records);
        if (charge.isPresent()) {
            return ChargeView.of(charge.get(), disputes);
        }
        Instant now = Instant.now();
        Invoice estimate = ChargeCalculator.calculate(BillableUsage.of(records), rates(job),
                discounts.discounts(job.owner, spent(job.owner, period(now), job.id), now));
        return new ChargeView(job.id, "estimate", period(now), estimate, 0, estimate.total, estimate.platformFee,
                estimate.providerShare, disputes);
    }

    /** The customer's final charges of one month, oldest first. */
    List<JobCharge> ofPeriod(String customer, String period) {
        return JobCharge.<JobCharge>mongoCollection()
                .find(Filters.and(Filters.eq("owner", customer), Filters.eq("period", period)))
                .sort(Sorts.ascending("finishedAt", "_id")).into(new ArrayList<>());
    }

    private long spent(String customer, String period, String exceptJob) {
        return ofPeriod(customer, period).stream().filter(c -> !c.jobId.equals(exceptJob))
                .mapToLong(c -> c.invoice.total).sum();
    }

    static String period(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
    }
}
