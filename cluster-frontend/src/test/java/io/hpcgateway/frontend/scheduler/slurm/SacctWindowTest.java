package io.hpcgateway.frontend.scheduler.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hpcgateway.frontend.scheduler.JobModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The listing's sacct query against the real SLURM: a job held for a later start and cancelled
 * before it was ever eligible is still in the window's answer, so it does not vanish from the
 * job list once the controller forgets it (MinJobAge). CI requires SLURM; elsewhere it may be skipped.
 */
class SacctWindowTest {

    @Test
    void aJobCancelledBeforeItsBeginTimeStaysInTheWindow() throws Exception {
        assumeTrue("true".equals(System.getenv("CI")) || run("scontrol", "ping").contains("UP"), "SLURM is not up here");
        long id = Long.parseLong(run("sbatch", "--parsable", "--begin=now+1hour", "--chdir=/tmp", "--wrap=true").strip());
        run("scancel", Long.toString(id));
        Optional<JobModel> listed = Optional.empty();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (listed.isEmpty() && System.nanoTime() < deadline) { // accounting writes the cancel a moment later
            listed = SacctCommand.parse(run(SacctCommand.argv(Duration.ofHours(1))), "hpcgw").stream()
                    .filter(job -> job.jobId() == id && job.isFinal()).findFirst();
            if (listed.isEmpty()) {
                Thread.sleep(200);
            }
        }
        assertTrue(listed.isPresent(), "job " + id + " is in the window");
        assertEquals("CANCELLED", listed.get().status().state());
    }

    private static String run(String... argv) throws IOException, InterruptedException {
        return run(List.of(argv));
    }

    private static String run(List<String> argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", argv) + " did not end");
        return out;
    }
}
