package io.hpcgateway.frontend.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SlurmTimeAndDirectivesTest {

    @Test
    void durationsReadAsSbatchReadsThem() {
        assertEquals(300L, SlurmTime.durationSeconds("5"), "a bare number is minutes");
        assertEquals(62L, SlurmTime.durationSeconds("1:02"), "two fields are minutes:seconds");
        assertEquals(3723L, SlurmTime.durationSeconds("1:02:03"));
        assertEquals(93_600L, SlurmTime.durationSeconds("1-02"));
        assertEquals(93_780L, SlurmTime.durationSeconds("1-02:03"));
        assertEquals(93_784L, SlurmTime.durationSeconds("1-02:03:04"));
        assertNull(SlurmTime.durationSeconds("UNLIMITED"));
        assertNull(SlurmTime.durationSeconds("Partition_Limit"));
        assertNull(SlurmTime.epochSeconds("Unknown"));
        assertNull(SlurmTime.epochSeconds("N/A"));
    }

    @Test
    void outputPatternsExpandLikeSlurm() {
        assertEquals("run-42-job-alice-%j.out", JobSubmission.expand("run-%j-%x-%u-%%j.out", 42, "job", "alice"));
    }
}
