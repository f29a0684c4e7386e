package io.hpcgateway.gateway.support;

import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Jobs written straight into the database, with scheduler ids far beyond any real one: the
 * scheduler and its accounting have never heard of them.
 */
public final class SyntheticJobs {

    private SyntheticJobs() {}

    /** {@code count} jobs of {@code owner} in {@code state} on {@code cluster}, scheduler ids from {@code firstId}. */
    public static List<GatewayJob> insert(int count, String owner, String cluster, JobState state, long firstId) {
        List<GatewayJob> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            GatewayJob job = new GatewayJob();
            job.id = UUID.randomUUID().toString();
            job.owner = owner;
            job.clusterUser = owner;
            job.name = "synthetic";
            job.cluster = cluster;
            job.folder = "/nowhere/" + job.id;
            job.state = state;
            job.schedulerJobId = firstId + i;
            job.createdAt = Instant.now();
            job.submittedAt = job.createdAt;
            job.finishedAt = state.isFinal() ? job.createdAt : null;
            jobs.add(job);
        }
        GatewayJob.persist(jobs);
        return jobs;
    }
}
