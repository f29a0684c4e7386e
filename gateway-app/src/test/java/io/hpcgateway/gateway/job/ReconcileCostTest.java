package io.hpcgateway.gateway.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hpcgateway.gateway.cluster.Cluster;
import io.hpcgateway.gateway.cluster.Clusters;
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
 * A reconcile cycle costs one list call per cluster, whatever the number of jobs it follows. The
 * scheduled cycle is off here, so the count is this test's alone.
 */
@QuarkusTest
@TestProfile(NoScheduledCycles.class)
@WithTestResource(FrontendProcess.class)
class ReconcileCostTest {

    @Inject
    Reconciler reconciler;

    @Inject
    Clusters clusters;

    @Inject
    JobStore store;

    @Test
    void oneFrontEndCallPerCycleAt10And100And1000FollowedJobs() {
        Cluster cluster = clusters.get("local");
        GatewayJob.deleteAll();
        assertEquals(0, callsFor(cluster), "nothing followed: no call at all");
        for (int size : List.of(10, 100, 1000)) {
            GatewayJob.deleteAll();
            SyntheticJobs.insert(size, "bench", "local", JobState.QUEUED, 900_000_000L);
            long calls = callsFor(cluster);
            System.out.printf("reconcile cycle with %4d followed jobs: %d front-end call(s)%n", size, calls);
            assertEquals(1, calls);
        }
        GatewayJob.deleteAll();
    }

    @Test
    void jobsTheListKeepsMissingAreLookedUpAtMostTwentyPerCycleThenFailed() {
        Cluster cluster = clusters.get("local");
        GatewayJob.deleteAll();
        SyntheticJobs.insert(50, "bench", "local", JobState.QUEUED, 900_000_000L);
        for (int cycle = 1; cycle < Reconciler.MISSES_BEFORE_LOOKUP; cycle++) {
            assertEquals(1, callsFor(cluster), "cycle " + cycle + " only lists");
        }
        assertEquals(1 + Reconciler.MAX_LOOKUPS_PER_CYCLE, callsFor(cluster));
        assertEquals(Reconciler.MAX_LOOKUPS_PER_CYCLE, GatewayJob.count("state", JobState.FAILED));
        GatewayJob failed = GatewayJob.find("state", JobState.FAILED).firstResult();
        assertEquals("lost by the scheduler", failed.stateReason);
        GatewayJob.deleteAll();
    }

    private long callsFor(Cluster cluster) {
        long before = cluster.calls();
        reconciler.reconcile(cluster);
        return cluster.calls() - before;
    }
}
