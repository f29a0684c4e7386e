package io.hpcgateway.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract against the real SLURM. In CI (CI=true) a missing SLURM fails these tests instead
 * of skipping them; locally they are skipped with a hint to run deploy/local/slurm-up.sh.
 */
@QuarkusTest
@TestProfile(SlurmBackendProfile.class)
class SlurmBackendTest extends FrontendContractTest {

    @BeforeAll
    static void requireSlurm() {
        boolean up = run("scontrol", "ping").contains("UP");
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(up, "CI needs a running SLURM: deploy/local/slurm-up.sh must have brought it up");
        } else {
            assumeTrue(up, "SLURM is not running here; start it with deploy/local/slurm-up.sh");
        }
    }

    @Override
    String system() {
        return "hpcgw";
    }

    @Override
    String schedulerType() {
        return "slurm";
    }

    @Test
    void aFinishedJobIsFoundThroughAccountingAfterItLeftTheQueue() {
        long id = submit(ALICE, "#!/bin/bash\nexit 0\n");
        awaitFinal(ALICE, id, JOB_DEADLINE);
        assertEquals("", run("squeue", "--noheader", "--jobs=" + id).strip(), "the job has left squeue");
        assertEquals("COMPLETED", state(ALICE, id));
        assertTrue(run("sacct", "--noheader", "--parsable2", "--allocations", "--format=State", "--jobs=" + id)
                .startsWith("COMPLETED"));
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
