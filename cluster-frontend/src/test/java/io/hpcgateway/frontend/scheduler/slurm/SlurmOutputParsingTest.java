package io.hpcgateway.frontend.scheduler.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.frontend.scheduler.JobAccounting;
import io.hpcgateway.frontend.scheduler.JobModel;
import io.hpcgateway.frontend.scheduler.JobSubmission;
import io.hpcgateway.frontend.scheduler.NodeModel;
import io.hpcgateway.frontend.scheduler.PartitionModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command classes against output captured from SLURM 22.05 on this machine. */
class SlurmOutputParsingTest {

    private static final String US = SlurmCli.SEPARATOR;

    private static String row(String... cells) {
        return String.join(US, cells);
    }

    @Test
    void sacctUsageJoinsTheAllocationWithItsSteps() {
        String out = row("1402", "COMPLETED", "8", "00:08.204", "2", "1", "billing=2,cpu=2,gres/gpu=2,gres/gpu:a100=2,node=1",
                "100M", "", "", "2026-11-21T18:58:29", "2026-11-21T18:58:37", "/tmp/w", "alice") + "\n"
                + row("1402.batch", "COMPLETED", "8", "00:08.204", "2", "1", "cpu=2,mem=0,node=1", "", "77952K", "0",
                "2026-11-21T18:58:29", "2026-11-21T18:58:37", "", "") + "\n"
                + row("1402.0", "COMPLETED", "5", "00:03.000", "2", "1", "cpu=2,node=1", "", "1.5G", "0",
                "2026-11-21T18:58:30", "2026-11-21T18:58:35", "", "") + "\n"
                + row("1403", "RUNNING", "2", "00:00:00", "1", "1", "billing=1,cpu=1,node=1", "24105M", "", "",
                "2026-11-21T18:59:40", "Unknown", "/tmp/w", "bob") + "\n"
                + row("1403.batch", "RUNNING", "2", "00:00:00", "1", "1", "cpu=1,mem=0,node=1", "", "", "0",
                "2026-11-21T18:59:40", "Unknown", "", "") + "\n"
                + row("1404", "CANCELLED by 0", "0", "00:00:00", "1", "1", "", "1G", "", "", "None", "2026-11-21T19:00:00",
                "/tmp/w", "alice") + "\n"
                // A row accounting is still writing (SLURM 22.05: no WorkDir, User root for a moment) names no one.
                + row("1405", "COMPLETED", "1", "00:00:00", "1", "1", "billing=1,cpu=1,node=1", "1G", "", "",
                "2026-11-21T19:01:00", "2026-11-21T19:01:01", "", "root") + "\n";
        List<JobAccounting> jobs = SacctUsageCommand.parse(out);
        assertEquals(4, jobs.size());
        assertNull(jobs.get(3).user(), "not root: accounting has not written the row yet");
        JobAccounting done = jobs.get(0);
        assertTrue(done.complete());
        assertEquals(8, done.elapsedSeconds());
        assertEquals(8_204, done.totalCpuMillis());
        assertEquals(2, done.allocatedCpus());
        assertEquals(2, done.allocatedGpus());
        assertEquals("a100", done.gpuModel());
        assertEquals("alice", done.user(), "the account the job ran as");
        assertEquals("bob", jobs.get(1).user());
        assertEquals(100L << 20, done.requestedMemoryBytes());
        assertEquals(3L << 29, done.maxRssBytes(), "the largest step's MaxRSS");
        assertNull(done.energyJoules(), "no energy plugin: unknown, not zero");
        assertEquals(false, jobs.get(1).complete(), "a running job's numbers still change");
        assertEquals(0, jobs.get(1).allocatedGpus());
        assertTrue(jobs.get(2).complete(), "cancelled before it started: no batch step will come");
        assertEquals("CANCELLED", jobs.get(2).state());
    }

    @Test
    void cpuTimesAndSizesInEverySlurmNotation() {
        assertEquals(5L, SacctUsageCommand.cpuMillis("00:00.005"));
        assertEquals(3_723_000L, SacctUsageCommand.cpuMillis("01:02:03"));
        assertEquals(93_784_500L, SacctUsageCommand.cpuMillis("1-02:03:04.5"));
        assertNull(SacctUsageCommand.cpuMillis(""));
        assertEquals(4_672L * 1024, SacctUsageCommand.bytes("4672K"));
        assertEquals(100L << 20, SacctUsageCommand.bytes("100Mn"));
        assertEquals(2048L, SacctUsageCommand.bytes("2048"));
        assertNull(SacctUsageCommand.bytes(""));
    }

    @Test
    void aJobCancelledWhileRunningKeepsItsSignalFromTheBatchStep() {
        // As SLURM 22.05 accounts it here: 0:0 on the allocation, the signal on the batch step.
        String out = row("272", "wrap", "CANCELLED by 0", "0:0", "3", "2026-12-02T05:41:10", "2026-12-02T05:41:13", "1",
                "debug", "root", "/tmp", "root", "root", "vm", "1", "None", "1", "00:00:00") + "\n"
                + row("272.batch", "batch", "CANCELLED", "0:15", "3", "2026-12-02T05:41:10", "2026-12-02T05:41:13", "",
                "", "root", "", "", "", "vm", "1", "", "", "00:00:00") + "\n"
                + row("272.extern", "extern", "COMPLETED", "0:0", "3", "2026-12-02T05:41:10", "2026-12-02T05:41:13", "",
                "", "root", "", "", "", "vm", "1", "", "", "00:00:00") + "\n";
        List<JobModel> jobs = SacctCommand.parse(out, "hpcgw");
        assertEquals(1, jobs.size(), "steps are not jobs");
        assertEquals("CANCELLED", jobs.get(0).status().state());
        assertEquals(15, jobs.get(0).status().interruptSignal(), "the controller said 0:15 too");
        assertEquals(0, jobs.get(0).status().exitCode());
    }

    @Test
    void sacctRowsGiveStateExitCodeAndTimes() {
        String out = row("1", "a|b c", "FAILED", "3:0", "1", "2026-11-21T15:21:48", "2026-11-21T15:21:49", "UNLIMITED",
                "debug", "root", "/tmp/sj", "root", "root", "vm", "1", "None", "4294901759", "00:00:00") + "\n"
                + row("2", "sbatch", "CANCELLED by 0", "0:15", "3", "2026-11-21T15:21:50", "2026-11-21T15:21:53", "1",
                "debug", "root", "/tmp/sj", "root", "root", "vm", "1", "None", "4294901758", "00:00:00") + "\n"
                + "garbage line\n"
                // accounting still writing this one: no WorkDir yet
                + row("3", "sbatch", "FAILED", "", "0", "Unknown", "Unknown", "UNLIMITED", "debug", "root", "",
                "root", "root", "None assigned", "1", "None", "1", "00:00:00") + "\n";
        List<JobModel> jobs = SacctCommand.parse(out, "hpcgw");
        assertEquals(2, jobs.size(), "the row accounting is still writing is left out");
        JobModel failed = jobs.get(0);
        assertEquals("a|b c", failed.name(), "names may hold the characters other tools split on");
        assertEquals("FAILED", failed.status().state());
        assertEquals(3, failed.status().exitCode());
        assertEquals(0, failed.status().interruptSignal());
        assertNull(failed.time().limit(), "UNLIMITED has no number");
        assertEquals(1L, failed.time().end() - failed.time().start());
        JobModel cancelled = jobs.get(1);
        assertEquals("CANCELLED", cancelled.status().state(), "'by <uid>' is dropped");
        assertEquals(15, cancelled.status().interruptSignal());
        assertEquals(1L, cancelled.time().limit());
    }

    @Test
    void squeueRowsGiveLiveJobs() {
        String out = row("7", "long", "RUNNING", "None", "1:02:03", "1:00:00", "2026-11-21T15:21:48", "2026-11-21T16:21:48",
                "debug", "(null)", "/home/alice/run", "root", "root", "vm", "1", "4294901757") + "\n";
        JobModel job = SqueueCommand.parse(out, "hpcgw").get(0);
        assertEquals(7, job.jobId());
        assertEquals(3723L, job.time().elapsed());
        assertEquals(60L, job.time().limit());
        assertNull(job.account());
        assertEquals("/home/alice/run", job.workingDirectory());
    }

    @Test
    void sinfoMergesANodeListedOncePerPartition() {
        String nodes = row("vm", "idle", "2", "24105", "22747", "0.48", "0/2/0/2", "debug*", "(null)") + "\n"
                + row("vm", "idle", "2", "24105", "22747", "0.48", "0/2/0/2", "normal", "(null)") + "\n";
        List<NodeModel> parsed = SinfoCommand.parseNodes(nodes);
        assertEquals(1, parsed.size());
        assertEquals(List.of("debug", "normal"), parsed.get(0).partitions());
        assertEquals(2, parsed.get(0).idleCpus());
        assertTrue(parsed.get(0).available());
        List<PartitionModel> partitions = SinfoCommand.parsePartitions(
                row("debug*", "up", "infinite", "1", "0/2/0/2") + "\n" + row("normal", "up", "1-00:00:00", "1", "1/1/0/2"));
        assertTrue(partitions.get(0).isDefault());
        assertEquals("normal", partitions.get(1).name());
        assertEquals(2, partitions.get(1).cpus());
    }

    @Test
    void sbatchGetsEveryOptionAsItsOwnArgument() {
        JobSubmission job = new JobSubmission("alice", "name with spaces; rm -rf /", "acct", "debug", null, null,
                Path.of("/home/alice/run"), null, "out-%j.txt", null, Map.of(), "#!/bin/bash\n", 61L, List.of());
        List<String> argv = SbatchCommand.argv(job);
        assertTrue(argv.contains("--job-name=name with spaces; rm -rf /"));
        assertTrue(argv.contains("--chdir=/home/alice/run"));
        assertTrue(argv.contains("--time=2"), "61 s rounds up to 2 minutes");
        assertTrue(argv.stream().noneMatch(a -> a.startsWith("--error")));
        assertEquals(42, SbatchCommand.parseJobId("42\n"));
        assertEquals(43, SbatchCommand.parseJobId("43;hpcgw\n"));
    }

    @Test
    void scontrolGivesTheExitCodeOfAJobAccountingHasNotRecordedYet() {
        String row = row("9", "j", "FAILED", "NonZeroExitCode", "0:01", "UNLIMITED", "2026-11-21T15:21:48",
                "2026-11-21T15:21:49", "debug", "root", "/home/alice/run", "root", "root", "vm", "1", "1");
        JobModel job = SqueueCommand.parse(row, "hpcgw").get(0);
        JobModel withCode = ScontrolCommand.withExitCode(job, "JobId=9 JobName=j UserId=root(0) JobState=FAILED "
                + "Reason=NonZeroExitCode Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=3:0 "
                + "DerivedExitCode=0:0 RunTime=00:00:01");
        assertEquals(3, withCode.status().exitCode());
        assertEquals(0, withCode.status().interruptSignal());
    }
}
