package io.hpcgateway.cli.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import org.junit.jupiter.api.Test;

class ResourceOptionsTest {

    @Test
    void timeLimitsReadAsSlurmWritesThem() {
        assertEquals(90, CreateJob.minutes("90"));
        assertEquals(30, CreateJob.minutes("0:30:00"));
        assertEquals(31, CreateJob.minutes("30:01"), "seconds round up to a minute");
        assertEquals(2 * 1440 + 12 * 60, CreateJob.minutes("2-12:00:00"));
        assertEquals(ExitCodes.USAGE, assertThrows(CliException.class, () -> CreateJob.minutes("1h")).exitCode());
    }

    @Test
    void memoryIsMebibytesPerNode() {
        assertEquals(4096, CreateJob.megabytes("4096"));
        assertEquals(4096, CreateJob.megabytes("4G"));
        assertEquals(512, CreateJob.megabytes("512MiB"));
        assertEquals(ExitCodes.USAGE, assertThrows(CliException.class, () -> CreateJob.megabytes("lots")).exitCode());
    }
}
