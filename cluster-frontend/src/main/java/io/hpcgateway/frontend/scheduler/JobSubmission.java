package io.hpcgateway.frontend.scheduler;

import io.hpcgateway.frontend.filesystem.PathGuard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A validated submission, with every path (from the request or the script's own {@code #SBATCH}
 * directives, the request winning) confined lexically to the user's directory, and the
 * {@code checks} the scheduler runs, as the user, before anything is queued. Output paths may hold
 * SLURM's filename patterns ({@code %j} job id, {@code %x} job name, {@code %u} user).
 */
public record JobSubmission(
        String user,
        String name,
        String account,
        String partition,
        String reservation,
        String constraints,
        Path workingDirectory,
        String standardInput,
        String standardOutput,
        String standardError,
        Map<String, String> env,
        String script,
        Long timeLimitSeconds,
        List<PathGuard.Check> checks) {

    /** SLURM's default output file name, in the working directory. */
    public static final String DEFAULT_OUTPUT = "slurm-%j.out";

    /** The output path with its patterns filled in, as SLURM will create it. */
    public static String expand(String pattern, long jobId, String jobName, String user) {
        return pattern.replace("%%", "\u0000")
                .replace("%j", Long.toString(jobId))
                .replace("%x", jobName)
                .replace("%u", user)
                .replace("\u0000", "%");
    }

    /** An output path as it will exist: expanded and resolved against the working directory. */
    public Path resolveOutput(String pattern, long jobId) {
        return workingDirectory.resolve(expand(pattern, jobId, jobNameOrDefault(), user));
    }

    public JobSubmission withMoreChecks(List<PathGuard.Check> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<PathGuard.Check> all = new ArrayList<>(checks);
        all.addAll(more);
        return new JobSubmission(user, name, account, partition, reservation, constraints, workingDirectory,
                standardInput, standardOutput, standardError, env, script, timeLimitSeconds, List.copyOf(all));
    }

    public String jobNameOrDefault() {
        return name == null ? "sbatch" : name;
    }
}
