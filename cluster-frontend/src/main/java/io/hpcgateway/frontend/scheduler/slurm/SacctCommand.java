package io.hpcgateway.frontend.scheduler.slurm;

import io.hpcgateway.frontend.scheduler.JobModel;
import io.hpcgateway.frontend.scheduler.SlurmTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code sacct} over job allocations: the only source for jobs that left the queue, with exit codes. */
final class SacctCommand {

    private static final String[] FIELDS = {"JobIDRaw", "JobName", "State", "ExitCode", "ElapsedRaw", "Start", "End",
            "TimelimitRaw", "Partition", "Account", "WorkDir", "User", "Group", "NodeList", "NNodes", "Reason",
            "Priority", "Suspended"};

    private static final int WORK_DIR = 10;

    private SacctCommand() {}

    /** Every job active in the last {@code window}. */
    static List<String> argv(Duration window) {
        List<String> argv = base();
        argv.addAll(List.of("--starttime=now-" + Math.max(1, window.toMinutes()) + "minutes", "--endtime=now"));
        return argv;
    }

    /** One job, however old (an explicit job id lifts sacct's default time window). */
    static List<String> argv(long jobId) {
        List<String> argv = base();
        argv.add("--jobs=" + jobId);
        return argv;
    }

    private static List<String> base() {
        return new ArrayList<>(List.of("sacct", "--allocations", "--noheader", "--parsable2", "--allusers",
                "--delimiter=" + SlurmCli.SEPARATOR, "--format=" + String.join(",", FIELDS)));
    }

    /**
     * Rows accounting has not finished writing (no WorkDir yet, and sometimes a final state
     * without its exit code) are left out: the job is then still live in the controller, which
     * the callers ask instead.
     */
    static List<JobModel> parse(String stdout, String cluster) {
        return JobTable.parse(stdout, FIELDS.length, c -> c[WORK_DIR].isBlank() ? null : toJob(c, cluster));
    }

    private static JobModel toJob(String[] c, String cluster) {
        String[] exit = c[3].split(":", 2);
        return new JobModel(Long.parseLong(c[0]), c[1],
                // "CANCELLED by 1001" -> "CANCELLED"
                new JobModel.JobStatus(c[2].split(" ", 2)[0], JobTable.nullIfEmpty(c[15]),
                        JobTable.longOrNull(exit[0]) == null ? null : Integer.valueOf(exit[0]),
                        exit.length > 1 && JobTable.longOrNull(exit[1]) != null ? Integer.valueOf(exit[1]) : null),
                new JobModel.JobTime(JobTable.longOrNull(c[4]), SlurmTime.epochSeconds(c[5]),
                        SlurmTime.epochSeconds(c[6]), SlurmTime.durationSeconds(c[17]), JobTable.longOrNull(c[7])),
                JobTable.nullIfEmpty(c[9]), JobTable.longOrNull(c[14]) == null ? null : Integer.valueOf(c[14]),
                cluster, c[12], JobTable.nullIfEmpty(c[13]), c[8], null, c[11], c[10], JobTable.longOrNull(c[16]));
    }
}
