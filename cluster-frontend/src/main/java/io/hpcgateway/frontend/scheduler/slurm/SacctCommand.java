package io.hpcgateway.frontend.scheduler.slurm;

import io.hpcgateway.frontend.scheduler.JobModel;
import io.hpcgateway.frontend.scheduler.SlurmTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sacct} over jobs that left the queue (the only source for them), with exit codes. The
 * batch steps are read too: for a job cancelled while it ran, accounting writes the signal (15)
 * on the batch step and 0:0 on the allocation, where the controller had said 0:15.
 */
final class SacctCommand {

    private static final String[] FIELDS = {"JobIDRaw", "JobName", "State", "ExitCode", "ElapsedRaw", "Start", "End",
            "TimelimitRaw", "Partition", "Account", "WorkDir", "User", "Group", "NodeList", "NNodes", "Reason",
            "Priority", "Suspended"};

    private static final int WORK_DIR = 10;
    /** sacct's job states, every one. */
    private static final String ALL_STATES = "BF,CA,CD,DL,F,NF,OOM,PD,PR,R,RQ,RS,RV,S,TO";

    private SacctCommand() {}

    /**
     * Every job active in the last {@code window}. Without {@code --state}, sacct returns the jobs
     * that were eligible in the window, which leaves out a job held for a later start
     * ({@code --begin}) and cancelled before it: once the controller forgets it, it would vanish.
     * With every state named, sacct returns the jobs that were in any of them in the window.
     */
    static List<String> argv(Duration window) {
        List<String> argv = base();
        argv.addAll(List.of("--starttime=now-" + Math.max(1, window.toMinutes()) + "minutes", "--endtime=now",
                "--state=" + ALL_STATES));
        return argv;
    }

    /** One job, however old (an explicit job id lifts sacct's default time window). */
    static List<String> argv(long jobId) {
        List<String> argv = base();
        argv.add("--jobs=" + jobId);
        return argv;
    }

    private static List<String> base() {
        return new ArrayList<>(List.of("sacct", "--noheader", "--parsable2", "--allusers",
                "--delimiter=" + SlurmCli.SEPARATOR, "--format=" + String.join(",", FIELDS)));
    }

    /**
     * Rows accounting has not finished writing (no WorkDir yet, and sometimes a final state
     * without its exit code) are left out: the job is then still live in the controller, which
     * the callers ask instead.
     */
    static List<JobModel> parse(String stdout, String cluster) {
        Map<String, String> batchExits = new HashMap<>();
        for (String line : stdout.split("\n")) {
            String[] cells = line.split(SlurmCli.SEPARATOR, -1);
            if (cells.length == FIELDS.length && cells[0].endsWith(".batch")) {
                batchExits.put(cells[0].substring(0, cells[0].length() - ".batch".length()), cells[3]);
            }
        }
        return JobTable.parse(stdout, FIELDS.length, c -> c[WORK_DIR].isBlank() ? null
                : toJob(c, exitCode(c, batchExits.get(c[0])), cluster));
    }

    /** The allocation's exit code, unless it is a cancel's 0:0 while its batch step kept the signal. */
    private static String exitCode(String[] allocation, String batchExit) {
        boolean cancelled = allocation[2].startsWith("CANCELLED");
        return cancelled && "0:0".equals(allocation[3]) && batchExit != null ? batchExit : allocation[3];
    }

    private static JobModel toJob(String[] c, String exitCode, String cluster) {
        String[] exit = exitCode.split(":", 2);
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
