package io.hpcgateway.frontend.scheduler.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                Path.of("/home/alice/run"), null, "out-%j.txt", null, Map.of(), "#!/bin/bash\n", 61L);
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
