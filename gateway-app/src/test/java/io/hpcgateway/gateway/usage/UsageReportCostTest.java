package io.hpcgateway.gateway.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hpcgateway.gateway.cluster.Cluster;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobState;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.NoScheduledCycles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A usage cycle asks accounting once per batch of due jobs ({@code gateway.usage.batch-size}, 50),
 * never once per job, and reads at most ten batches per cycle. The scheduled cycles are off here,
 * so the count is this test's alone.
 */
@QuarkusTest
@TestProfile(NoScheduledCycles.class)
@WithTestResource(FrontendProcess.class)
class UsageReportCostTest {

    @Inject
    UsageReporter reporter;

    @Inject
    Clusters clusters;

    @Test
    void oneAccountingCallPerFiftyDueJobs() {
        Cluster cluster = clusters.get("local");
        GatewayJob.deleteAll();
        assertEquals(0, callsFor(cluster), "nothing due: no call at all");
        for (int size : List.of(10, 100, 1000)) {
            GatewayJob.deleteAll();
            List<String> ids = insertFinishedJobs(size);
            long calls = callsFor(cluster);
            System.out.printf("usage cycle with %4d due jobs: %d accounting call(s)%n", size, calls);
            assertEquals((Math.min(size, 500) + 49) / 50, calls);
            assertEquals(0, UsageRecord.count("jobId in ?1", ids), "accounting knows none of them: no record");
        }
        GatewayJob.deleteAll();
    }

    private long callsFor(Cluster cluster) {
        long before = cluster.calls();
        reporter.report(cluster);
        return cluster.calls() - before;
    }

    /** Finished jobs with scheduler ids accounting does not have: each cycle asks for them again. */
    private static List<String> insertFinishedJobs(int count) {
        List<GatewayJob> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            GatewayJob job = new GatewayJob();
            job.id = UUID.randomUUID().toString();
            job.owner = "bench";
            job.clusterUser = "bench";
            job.name = "bench";
            job.cluster = "local";
            job.folder = "/nowhere/" + job.id;
            job.state = JobState.COMPLETED;
            job.schedulerJobId = 910_000_000L + i;
            job.createdAt = Instant.now();
            job.finishedAt = job.createdAt;
            jobs.add(job);
        }
        GatewayJob.persist(jobs);
        return jobs.stream().map(job -> job.id).toList();
    }
}
