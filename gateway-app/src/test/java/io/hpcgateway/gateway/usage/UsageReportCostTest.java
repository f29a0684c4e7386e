package io.hpcgateway.gateway.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hpcgateway.gateway.cluster.Cluster;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobState;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.NoScheduledCycles;
import io.hpcgateway.gateway.support.SyntheticJobs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A usage cycle asks accounting once per batch of due jobs ({@code gateway.usage.batch-size}, 50),
 * never once per job, and reads at most ten batches per cycle, the least recently read first. The
 * scheduled cycles are off here, so the count is this test's alone.
 */
@QuarkusTest
@TestProfile(NoScheduledCycles.class)
@WithTestResource(FrontendProcess.class)
class UsageReportCostTest {

    @Inject
    UsageReporter reporter;

    @Inject
    Clusters clusters;

    @Inject
    UsageMeters meters;

    @Test
    void oneAccountingCallPerFiftyDueJobs() {
        Cluster cluster = clusters.get("local");
        GatewayJob.deleteAll();
        assertEquals(0, callsFor(cluster), "nothing due: no call at all");
        for (int size : List.of(10, 100, 1000)) {
            GatewayJob.deleteAll();
            List<String> ids = SyntheticJobs.insert(size, "bench", "local", JobState.COMPLETED, 910_000_000L).stream()
                    .map(job -> job.id).toList();
            long calls = callsFor(cluster);
            System.out.printf("usage cycle with %4d due jobs: %d accounting call(s)%n", size, calls);
            assertEquals((Math.min(size, 500) + 49) / 50, calls);
            assertEquals(0, UsageRecord.count("jobId in ?1", ids), "accounting knows none of them: no record");
        }
        GatewayJob.deleteAll();
    }

    @Test
    void aBacklogLargerThanACycleIsWorkedThroughInTurn() {
        Cluster cluster = clusters.get("local");
        GatewayJob.deleteAll();
        List<String> ids = SyntheticJobs.insert(1000, "bench", "local", JobState.COMPLETED, 920_000_000L).stream()
                .map(job -> job.id).toList();
        assertEquals(10, callsFor(cluster), "the first 500");
        assertEquals(10, callsFor(cluster), "the other 500, not the first ones again");
        assertEquals(1000, UsageLedger.count("_id in ?1 and attempts = ?2", ids, 1), "every job asked for once");
        assertEquals(1000, meters.pending("local"), "all still wait for accounting");
        GatewayJob.deleteAll();
        UsageLedger.delete("_id in ?1", ids);
    }

    private long callsFor(Cluster cluster) {
        long before = cluster.calls();
        reporter.report(cluster);
        return cluster.calls() - before;
    }
}
