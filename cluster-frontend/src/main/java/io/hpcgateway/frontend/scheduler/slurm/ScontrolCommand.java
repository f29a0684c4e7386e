package io.hpcgateway.frontend.scheduler.slurm;

import io.hpcgateway.frontend.scheduler.JobModel;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scontrol show job -o}: only for the exit code of a job that has finished but is not in
 * accounting yet. Only the {@code ExitCode=} field is read; it never holds spaces.
 */
final class ScontrolCommand {

    private static final Pattern EXIT_CODE = Pattern.compile("(?:^|\\s)ExitCode=(\\d+):(\\d+)(?:\\s|$)");

    private ScontrolCommand() {}

    static List<String> argv(long jobId) {
        return List.of("scontrol", "--oneliner", "show", "job", Long.toString(jobId));
    }

    static JobModel withExitCode(JobModel job, String stdout) {
        Matcher m = EXIT_CODE.matcher(stdout);
        if (!job.isFinal() || !m.find()) {
            return job;
        }
        JobModel.JobStatus status = new JobModel.JobStatus(job.status().state(), job.status().stateReason(),
                Integer.valueOf(m.group(1)), Integer.valueOf(m.group(2)));
        return new JobModel(job.jobId(), job.name(), status, job.time(), job.account(), job.allocationNodes(),
                job.cluster(), job.group(), job.nodes(), job.partition(), job.killRequestUser(), job.user(),
                job.workingDirectory(), job.priority());
    }
}
