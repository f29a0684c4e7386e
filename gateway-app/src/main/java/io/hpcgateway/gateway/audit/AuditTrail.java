package io.hpcgateway.gateway.audit;

import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobState;
import io.hpcgateway.gateway.job.JobTransition;
import io.hpcgateway.gateway.platform.RequestRefused;
import io.hpcgateway.gateway.template.TemplateDecided;
import io.hpcgateway.gateway.usage.UsageRecord;
import io.hpcgateway.gateway.usage.UsageReported;
import io.hpcgateway.gateway.usage.UsageUnaccounted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns what happens into seed 001's audit events: every job transition
 * ({@code job_lifecycle_event}, and {@code job_submitted}, {@code job_cancelled},
 * {@code job_submission_failed} where they apply), every refused request
 * ({@code job_validation_failed} on job creation, {@code authentication_failed},
 * {@code access_denied}, {@code request_refused}) and every template decision.
 */
@ApplicationScoped
class AuditTrail {

    private static final Pattern JOB_CREATION = Pattern.compile("POST /?(api/v2/jobs|api/v1/job/create|transformations)/?");

    private final AuditLog log;

    AuditTrail(AuditLog log) {
        this.log = log;
    }

    void transitioned(@Observes JobTransition transition) {
        GatewayJob job = transition.job();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", transition.from() == null ? null : transition.from().wireName());
        details.put("to", transition.to().wireName());
        details.put("reason", transition.reason());
        if (job.schedulerJobId != null) {
            details.put("scheduler_job_id", job.schedulerJobId);
        }
        if (job.template != null) {
            details.put("template", job.template);
        }
        boolean refused = transition.from() == JobState.PENDING && transition.to() == JobState.FAILED;
        log.record("job_lifecycle_event", job.id, job.cluster, job.owner, details, !refused);
        if (transition.from() == JobState.PENDING && transition.to() == JobState.QUEUED) {
            log.record("job_submitted", job.id, job.cluster, job.owner, details, true);
        } else if (refused) {
            log.record("job_submission_failed", job.id, job.cluster, job.owner, details, false);
        } else if (transition.to() == JobState.CANCELLED) {
            log.record("job_cancelled", job.id, job.cluster, job.owner, details, true);
        }
    }

    void refused(@Observes RequestRefused refused) {
        String type = switch (refused.status()) {
            case 401 -> "authentication_failed";
            case 403 -> "access_denied";
            case 429 -> "rate_limited";
            default -> JOB_CREATION.matcher(refused.method() + " " + refused.path()).matches()
                    && (refused.status() == 400 || refused.status() == 422) ? "job_validation_failed" : "request_refused";
        };
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", refused.method());
        details.put("path", refused.path());
        details.put("status", refused.status());
        details.put("error", refused.error());
        log.record(type, null, null, refused.actor(), details, false);
    }

    /**
     * Seed 001's usage events: {@code usage_reported} for an interim record, {@code accounting_reported}
     * for the final one, and {@code status_reported} when a record carries a new job state.
     */
    void reported(@Observes UsageReported reported) {
        UsageRecord record = reported.record();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("record_id", record.id);
        details.put("scheduler_job_id", record.schedulerJobId);
        details.put("period_start", record.periodStart.toString());
        details.put("period_end", record.periodEnd.toString());
        details.put("wall_clock_seconds", record.metrics.wallClockSeconds);
        details.put("cpu_core_seconds", record.metrics.cpuCoreSeconds);
        details.put("job_state", record.jobState);
        if (!record.jobState.equals(reported.previousState())) {
            log.record("status_reported", record.jobId, record.clusterId, record.customer, details, true);
        }
        log.record(record.finalRecord ? "accounting_reported" : "usage_reported", record.jobId, record.clusterId,
                record.customer, details, true);
    }

    void unaccounted(@Observes UsageUnaccounted unaccounted) {
        GatewayJob job = unaccounted.job();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("scheduler_job_id", job.schedulerJobId);
        details.put("reason", unaccounted.reason());
        log.record("accounting_reported", job.id, job.cluster, job.owner, details, false);
    }

    void decided(@Observes TemplateDecided decided) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("template", decided.ref());
        details.put("status", decided.status());
        details.put("reason", decided.reason());
        log.record("template_decision", null, null, decided.by(), details, true);
    }
}
