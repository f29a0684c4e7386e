package io.hpcgateway.gateway.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job as the API shows it; {@code events} only on a single job. */
@Schema(name = "Job")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(String id, String name, String cluster,
                      @Schema(description = "The scheduling decision that placed it (GET /api/v2/scheduling-decisions/"
                              + "{id}); absent when the cluster was named") String schedulingDecision,
                      JobState state,
                      @Schema(description = "A launch is being submitted") Boolean launching,
                      Long schedulerJobId, String schedulerState, String stateReason, Integer exitCode,
                      String folder, String partition, Instant createdAt, Instant submittedAt, Instant startedAt,
                      Instant finishedAt, Instant cancelRequestedAt, List<JobEvent> events,
                      @Schema(description = "The callback webhook of a job made with a callbackUrl: in the answer "
                              + "that made the job only") Callback callback) {

    static JobView of(GatewayJob job, boolean withEvents) {
        return of(job, withEvents, null);
    }

    static JobView of(GatewayJob job, boolean withEvents, Callback callback) {
        return new JobView(job.id, job.name, job.cluster, job.schedulingDecision, job.state,
                job.state == JobState.PENDING && job.launchClaimedAt != null ? Boolean.TRUE : null,
                job.schedulerJobId, job.schedulerState, job.stateReason, job.exitCode, job.folder, job.partition,
                job.createdAt, job.submittedAt, job.startedAt, job.finishedAt, job.cancelRequestedAt,
                withEvents ? job.events : null, callback);
    }

    /** The job's callback: its webhook (deliveries at /api/v2/webhooks/{webhook}/deliveries) and secret. */
    @Schema(name = "JobCallback")
    public record Callback(String webhook, String url,
                           @Schema(description = "The Standard Webhooks secret that signs its deliveries") String secret) {}

    /** A page of jobs. */
    @Schema(name = "JobPage")
    public record Page(List<JobView> items, int page, int size, long total) {}
}
