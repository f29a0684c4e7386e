package io.hpcgateway.gateway.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.gateway.cluster.Firecrest;
import org.junit.jupiter.api.Test;

class ReconcilerRulesTest {

    private static Firecrest.Job row(String state, Integer exitCode) {
        return new Firecrest.Job(1, "hpcgw-x", new Firecrest.Status(state, null, exitCode, 0), null, "alice", null,
                "debug", "/home/alice");
    }

    @Test
    void aFinalStateCountsOnlyWithItsExitCode() {
        assertFalse(Reconciler.complete(row("FAILED", null)), "the exit code is still on its way");
        assertTrue(Reconciler.complete(row("FAILED", 3)));
        assertTrue(Reconciler.complete(row("RUNNING", null)), "live states have no exit code yet");
        assertTrue(Reconciler.complete(row("SOMETHING_NEW", null)), "unknown states are handled by apply");
    }
}
