package io.hpcgateway.frontend.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Commands the tests run themselves (as the test's account), to see the machine as it is. */
public final class Commands {

    private Commands() {}

    /** What the command printed (stdout and stderr), or "" when it could not run. */
    public static String output(String... command) {
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

    /** Its output when it succeeded, else "". */
    public static String outputIfOk(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /**
     * For {@code @BeforeAll}: in CI (CI=true) a missing SLURM fails the tests; elsewhere they are
     * skipped with a hint to run deploy/local/slurm-up.sh.
     */
    public static void requireSlurm() {
        boolean up = output("scontrol", "ping").contains("UP");
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(up, "CI needs a running SLURM: deploy/local/slurm-up.sh must have brought it up");
        } else {
            assumeTrue(up, "SLURM is not running here; start it with deploy/local/slurm-up.sh");
        }
    }
}
