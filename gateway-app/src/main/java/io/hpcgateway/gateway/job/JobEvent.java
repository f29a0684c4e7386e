package io.hpcgateway.gateway.job;

import java.time.Instant;

/** One transition of a job, kept with the job (its history). */
public class JobEvent {
    public Instant at;
    public JobState from;
    public JobState to;
    public String reason;

    public JobEvent() {}

    JobEvent(JobState from, JobState to, String reason) {
        this.at = Instant.now();
        this.from = from;
        this.to = to;
        this.reason = reason;
    }
}
