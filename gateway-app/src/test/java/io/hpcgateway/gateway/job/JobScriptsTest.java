package io.hpcgateway.gateway.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobScriptsTest {

    static final List<String> RUNTIMES = List.of("apptainer", "/opt/my apptainer/bin/apptainer");

    @TempDir
    Path dir;

    @Test
    void resourcesBecomeSbatchLinesAndTheCommandStaysQuoted() {
        String script = JobScripts.render(new JobRequest("x", null, null, "echo 'it''s' $HOME", "python:3.12", "debug",
                Map.of(), new JobRequest.Resources(2, 4, null, 2048, 30)), RUNTIMES);
        assertTrue(script.contains("#SBATCH --nodes=2\n#SBATCH --ntasks-per-node=4\n#SBATCH --mem=2048M\n"));
        assertTrue(script.contains("runtime=$(command -v 'apptainer' || command -v '/opt/my apptainer/bin/apptainer')"),
                script);
        assertTrue(script.contains("srun \"$runtime\" exec --bind \"$PWD\" 'docker://python:3.12' /bin/sh -c "
                + "'echo '\\''it'\\'''\\''s'\\'' $HOME'"), script);
        assertEquals("30", JobScripts.timeLimit(new JobRequest("x", null, null, "true", null, null, null,
                new JobRequest.Resources(null, null, null, null, 30))));
    }

    @Test
    void hostileValuesReachTheShellAsData() throws Exception {
        String hostile = "'; touch pwned; echo '$(touch pwned2)`touch pwned3`\nnewline";
        String script = JobScripts.render(new JobRequest("x", null, null, "printf '%s' " + ShellLines.quote(hostile),
                null, null, null, null), RUNTIMES);
        Path file = dir.resolve("job.sh");
        Files.writeString(file, script);
        Process run = new ProcessBuilder("bash", file.toString()).directory(dir.toFile()).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        run.waitFor(10, TimeUnit.SECONDS);
        assertEquals(hostile, out);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "nothing but the script: no command was injected");
        }
    }

    @Test
    void everySlurmStateMaps() throws IOException {
        for (String state : new String[] {"PD", "CF", "R", "CG", "S", "CD", "F", "CA", "TO", "OOM", "NF", "PR", "BF",
                "DL", "RV", "RQ", "RH", "RS", "SE", "ST", "SO", "RD", "RF", "SI", "PENDING", "COMPLETING",
                "OUT_OF_MEMORY", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE", "REVOKED"}) {
            assertTrue(JobState.fromSlurm(state).isPresent(), state);
        }
        assertEquals(JobState.QUEUED, JobState.fromSlurm("PENDING").orElseThrow());
        assertEquals(JobState.STARTING, JobState.fromSlurm("CONFIGURING").orElseThrow());
        assertEquals(JobState.TIMEOUT, JobState.fromSlurm("TO").orElseThrow());
        assertEquals(JobState.FAILED, JobState.fromSlurm("OUT_OF_MEMORY").orElseThrow());
    }
}
