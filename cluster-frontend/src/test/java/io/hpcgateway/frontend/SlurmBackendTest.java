package io.hpcgateway.frontend;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.frontend.support.Commands;
import io.hpcgateway.frontend.support.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.TestProfile;
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
        Commands.requireSlurm();
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
        assertEquals("", Commands.output("squeue", "--noheader", "--jobs=" + id).strip(), "the job has left squeue");
        assertEquals("COMPLETED", state(ALICE, id));
        assertTrue(Commands.output("sacct", "--noheader", "--parsable2", "--allocations", "--format=State", "--jobs=" + id)
                .startsWith("COMPLETED"));
    }

    @Test
    void accountingCarriesWhatSacctKnows() {
        // Six seconds: MaxRSS is sampled every JobAcctGatherFrequency (5 s here).
        long id = submit(ALICE, "#!/bin/bash\n#SBATCH --mem=50M\n"
                + "end=$((SECONDS + 6)); while [ $SECONDS -lt $end ]; do :; done\n");
        awaitFinal(ALICE, id, JOB_DEADLINE);
        JsonPath accounting = Poll.until(JOB_DEADLINE, "accounting of job " + id + " to be complete",
                () -> as(ALICE).queryParam("jobs", id).get(acct()).then().statusCode(200).extract().jsonPath(),
                json -> json.getList("jobs").size() == 1 && json.getBoolean("jobs[0].complete"));
        // Without --allocations: an allocation row's TotalCPU sums its steps only when they are listed too.
        String[] sacct = Commands.output("sacct", "--noheader", "--parsable2", "--jobs=" + id,
                "--format=ElapsedRaw,AllocCPUS,TotalCPU").lines().findFirst().orElse("").split("\\|");
        assertEquals(Long.parseLong(sacct[0]), accounting.getLong("jobs[0].elapsedSeconds"));
        assertEquals(Integer.parseInt(sacct[1]), accounting.getInt("jobs[0].allocatedCpus"));
        long cpuMillis = accounting.getLong("jobs[0].totalCpuMillis");
        assertTrue(cpuMillis >= 2_000, "a six-second busy loop used at least two CPU seconds, not " + cpuMillis);
        // sacct writes TotalCPU as MM:SS.mmm or, on whole seconds, HH:MM:SS: compare the whole seconds.
        assertEquals(wholeSeconds(sacct[2]), cpuMillis / 1000, sacct[2] + " vs " + cpuMillis + " ms");
        assertEquals(50L << 20, accounting.getLong("jobs[0].requestedMemoryBytes"));
        assertTrue(accounting.getLong("jobs[0].maxRssBytes") > 0, "the batch step's MaxRSS");
    }

    @Test
    void aJobThatUsesMoreMemoryThanItAskedForEndsOutOfMemory() {
        // dd holds one 400 MiB block in memory; the job asked for 50 MiB.
        long id = submit(ALICE, "#!/bin/bash\n#SBATCH --mem=50M\ndd if=/dev/zero of=/dev/null bs=400M count=1\n");
        JsonPath job = awaitFinal(ALICE, id, JOB_DEADLINE);
        assertEquals("OUT_OF_MEMORY", job.getString("status.state"), "memory is enforced (SLURM's cgroup plugins)");
    }

    @Test
    void aJobSeesOnlyTheCoresItAskedFor() {
        long id = submit(ALICE, "#!/bin/bash\n#SBATCH --cpus-per-task=1\nnproc > cores.txt\n");
        assertEquals("COMPLETED", awaitFinal(ALICE, id, JOB_DEADLINE).getString("status.state"));
        as(ALICE).queryParam("path", file("cores.txt")).get(fs("head")).then().statusCode(200)
                .body("output.content", equalTo("1\n"));
    }

    /** {@code 00:05.123} or {@code 00:00:05}: seconds, fractions dropped. */
    private static long wholeSeconds(String totalCpu) {
        long seconds = 0;
        for (String part : totalCpu.strip().split("\\.")[0].split(":")) {
            seconds = seconds * 60 + Long.parseLong(part);
        }
        return seconds;
    }
}
