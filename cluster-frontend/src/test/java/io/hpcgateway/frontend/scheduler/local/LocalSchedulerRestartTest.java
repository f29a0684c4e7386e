package io.hpcgateway.frontend.scheduler.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.frontend.identity.CommandRunner;
import io.hpcgateway.frontend.identity.Launcher;
import io.hpcgateway.frontend.identity.RunAs;
import io.hpcgateway.frontend.identity.ServiceAccountLauncher;
import io.hpcgateway.frontend.scheduler.JobModel;
import io.hpcgateway.frontend.scheduler.JobSubmission;
import io.hpcgateway.frontend.support.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restarted front end takes over the local executor's jobs: running, queued and lost ones. */
class LocalSchedulerRestartTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final RunAs ALICE = RunAs.user("alice");
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void runningAndQueuedJobsReachTheirTrueStateAfterARestart() throws Exception {
        LocalScheduler.Settings settings = settings();
        LocalScheduler first = scheduler(settings);
        long running = first.submit(job("#!/bin/bash\nsleep 2\nexit 4\n"));
        long queued = first.submit(job("#!/bin/bash\necho second > second.txt\n"));
        Poll.until(DEADLINE, "job to run", () -> state(first, running), "RUNNING"::equals);
        assertEquals("PENDING", state(first, queued), "one slot: the second job waits");
        first.shutdown();

        LocalScheduler second = scheduler(settings);
        try {
            Poll.until(DEADLINE, "running job to finish", () -> state(second, running), "FAILED"::equals);
            assertEquals(4, second.job(ALICE, running).orElseThrow().status().exitCode(), "exit code read from the rc file");
            Poll.until(DEADLINE, "queued job to finish", () -> state(second, queued), "COMPLETED"::equals);
            assertEquals("second\n", Files.readString(dir.resolve("work/second.txt")));
            long next = second.submit(job("#!/bin/bash\ntrue\n"));
            assertTrue(next > queued, "ids keep growing across restarts");
            // Its wrapper writes the job's record when it ends: let it, before the folder is removed.
            Poll.until(DEADLINE, "last job to finish", () -> state(second, next), "COMPLETED"::equals);
        } finally {
            second.shutdown();
        }
    }

    @Test
    void aJobWhoseProcessVanishedWhileTheFrontEndWasDownEndsNodeFail() throws Exception {
        LocalScheduler.Settings settings = settings();
        LocalScheduler first = scheduler(settings);
        long id = first.submit(job("#!/bin/bash\nsleep 300\n"));
        Poll.until(DEADLINE, "job to run", () -> state(first, id), "RUNNING"::equals);
        first.shutdown();
        long pid = json.readTree(dir.resolve("records/" + id + "/job.json").toFile()).get("pid").asLong();
        ProcessHandle wrapper = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> script = wrapper.descendants().toList();
        // The wrapper first: killed after its script, it would still record the script's status.
        wrapper.destroyForcibly();
        Poll.until(DEADLINE, "wrapper to die", () -> wrapper.isAlive(), alive -> !alive);
        script.forEach(ProcessHandle::destroyForcibly);

        LocalScheduler second = scheduler(settings);
        try {
            assertEquals("NODE_FAIL", state(second, id));
        } finally {
            second.shutdown();
        }
    }

    @Test
    void timeLimitAndCancelStopTheWholeProcessTree() throws Exception {
        LocalScheduler scheduler = scheduler(settings());
        try {
            long limited = scheduler.submit(job("#!/bin/bash\n#SBATCH --time=0:01\nsleep 300 & wait\n"));
            Poll.until(DEADLINE, "time limit", () -> state(scheduler, limited), "TIMEOUT"::equals);
            JobModel timedOut = scheduler.job(ALICE, limited).orElseThrow();
            assertEquals(15, timedOut.status().interruptSignal());
            long cancelled = scheduler.submit(job("#!/bin/bash\nsleep 300 & wait\n"));
            Poll.until(DEADLINE, "job to run", () -> state(scheduler, cancelled), "RUNNING"::equals);
            scheduler.cancel(ALICE, cancelled);
            Poll.until(DEADLINE, "cancel", () -> state(scheduler, cancelled), "CANCELLED"::equals);
            Poll.until(DEADLINE, "no sleep left behind", () -> ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains("sleep 300"))
                    .filter(p -> p.info().startInstant().isPresent())
                    .anyMatch(p -> p.parent().flatMap(ProcessHandle::parent).map(pp -> pp.info().commandLine()
                            .orElse("").contains(dir.toString())).orElse(false)), found -> !found);
        } finally {
            scheduler.shutdown();
        }
    }

    private LocalScheduler.Settings settings() {
        return new LocalScheduler.Settings(dir.resolve("records"), dir.resolve("spool"), 1, List.of("debug"),
                Duration.ofSeconds(1), "test", "test", Duration.ofSeconds(10));
    }

    /** An executor whose jobs run as this test's own account, as in the service-account mode. */
    private LocalScheduler scheduler(LocalScheduler.Settings settings) {
        Launcher launcher = new ServiceAccountLauncher(user -> dir.resolve("home").resolve(user));
        return new LocalScheduler(settings, json, new CommandRunner(launcher), launcher);
    }

    private JobSubmission job(String script) {
        Path work = dir.resolve("work");
        try {
            Files.createDirectories(work);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new JobSubmission("alice", null, null, null, null, null, work, null, null, null, Map.of(), script, null,
                List.of());
    }

    private static String state(LocalScheduler scheduler, long id) {
        return scheduler.job(ALICE, id).map(j -> j.status().state()).orElse(null);
    }
}
