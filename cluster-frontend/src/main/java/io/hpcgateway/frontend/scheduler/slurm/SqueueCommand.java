package io.hpcgateway.frontend.scheduler.slurm;

import io.hpcgateway.frontend.scheduler.JobModel;
import io.hpcgateway.frontend.scheduler.SlurmTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code squeue}: the controller's view. It knows live jobs at once and finished ones for a few
 * minutes, but not their exit code, which only accounting (or scontrol) gives.
 */
final class SqueueCommand {

    // %A numeric job id (also for array tasks), %j name, %T state, %r reason, %M elapsed, %L unused,
    // %l limit, %S start, %e end, %P partition, %a account, %Z work dir, %u user, %g group,
    // %N node list, %D node count, %Q priority
    private static final String[] FIELDS = {"%A", "%j", "%T", "%r", "%M", "%l", "%S", "%e", "%P", "%a", "%Z",
            "%u", "%g", "%N", "%D", "%Q"};

    private SqueueCommand() {}

    /** Live jobs: pending, running, suspended, completing. */
    static List<String> argv(Long jobId) {
        List<String> argv = new ArrayList<>(List.of("squeue", "--noheader", "--all", "--format="
                + String.join(SlurmCli.SEPARATOR, FIELDS)));
        if (jobId != null) {
            argv.add("--jobs=" + jobId);
        }
        return argv;
    }

    /** One job in any state the controller still remembers (finished ones for MinJobAge). */
    static List<String> anyStateArgv(long jobId) {
        List<String> argv = argv(jobId);
        argv.add("--states=all");
        return argv;
    }

    /** Every job the controller remembers, live or finished within MinJobAge. */
    static List<String> allStatesArgv() {
        List<String> argv = argv(null);
        argv.add("--states=all");
        return argv;
    }

    static List<JobModel> parse(String stdout, String cluster) {
        return JobTable.parse(stdout, FIELDS.length, c -> new JobModel(
                Long.parseLong(c[0]), c[1],
                new JobModel.JobStatus(c[2], JobTable.nullIfEmpty(c[3]), null, null),
                new JobModel.JobTime(SlurmTime.durationSeconds(c[4]), SlurmTime.epochSeconds(c[6]),
                        SlurmTime.epochSeconds(c[7]), 0L, minutes(SlurmTime.durationSeconds(c[5]))),
                JobTable.nullIfEmpty(c[9]), JobTable.longOrNull(c[14]) == null ? null : Integer.valueOf(c[14]),
                cluster, c[12], JobTable.nullIfEmpty(c[13]), c[8], null, c[11], c[10], JobTable.longOrNull(c[15])));
    }

    private static Long minutes(Long seconds) {
        return seconds == null ? null : seconds / 60;
    }
}
