package io.hpcgateway.frontend.scheduler.slurm;

import io.hpcgateway.frontend.scheduler.JobSubmission;
import java.util.ArrayList;
import java.util.List;

/** {@code sbatch --parsable} with the submission's options; the script travels on stdin. */
final class SbatchCommand {

    private SbatchCommand() {}

    static List<String> argv(JobSubmission job) {
        List<String> argv = new ArrayList<>(List.of("sbatch", "--parsable", "--export=ALL",
                "--chdir=" + job.workingDirectory()));
        option(argv, "--job-name=", job.name());
        option(argv, "--partition=", job.partition());
        option(argv, "--account=", job.account());
        option(argv, "--reservation=", job.reservation());
        option(argv, "--constraint=", job.constraints());
        option(argv, "--output=", job.standardOutput());
        option(argv, "--error=", job.standardError());
        option(argv, "--input=", job.standardInput());
        if (job.timeLimitSeconds() != null) {
            // sbatch reads a bare number as minutes; round up so a limit is never shortened.
            argv.add("--time=" + Math.max(1, (job.timeLimitSeconds() + 59) / 60));
        }
        return argv;
    }

    /** {@code --parsable} prints "jobid" or "jobid;cluster". */
    static long parseJobId(String stdout) {
        String first = stdout.strip().lines().reduce((a, b) -> b).orElse("");
        return Long.parseLong(first.split(";", 2)[0].strip());
    }

    private static void option(List<String> argv, String flag, String value) {
        if (value != null && !value.isBlank()) {
            argv.add(flag + value);
        }
    }
}
