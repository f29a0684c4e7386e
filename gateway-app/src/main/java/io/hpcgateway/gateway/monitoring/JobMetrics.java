package io.hpcgateway.gateway.monitoring;

import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobState;
import io.hpcgateway.gateway.job.JobTransition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;

/**
 * Seed 001's job metrics on {@code /q/metrics}, labelled by cluster: {@code hpc_jobs_submitted_total}
 * (a launch reached the scheduler), {@code hpc_jobs_completed_total}, {@code hpc_jobs_failed_total}
 * (failed or timed out) and {@code hpc_job_duration_seconds} (start, or submission, to end) by final
 * state.
 */
@ApplicationScoped
public class JobMetrics {

    private final MeterRegistry registry;

    JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void transitioned(@Observes JobTransition transition) {
        GatewayJob job = transition.job();
        if (transition.from() == JobState.PENDING && transition.to() == JobState.QUEUED) {
            registry.counter("hpc.jobs.submitted", "cluster", job.cluster).increment();
        }
        if (transition.to() == JobState.COMPLETED) {
            registry.counter("hpc.jobs.completed", "cluster", job.cluster).increment();
        } else if (transition.to() == JobState.FAILED || transition.to() == JobState.TIMEOUT) {
            registry.counter("hpc.jobs.failed", "cluster", job.cluster).increment();
        }
        Instant began = job.startedAt != null ? job.startedAt : job.submittedAt;
        if (transition.to().isFinal() && began != null) {
            Instant ended = job.finishedAt != null ? job.finishedAt : Instant.now();
            Timer.builder("hpc.job.duration").description("A job's run time, from its start to its end")
                    .tag("cluster", job.cluster).tag("state", transition.to().wireName())
                    .register(registry).record(Duration.between(began, ended).isNegative() ? Duration.ZERO
                            : Duration.between(began, ended));
        }
    }
}
