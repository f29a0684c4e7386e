package io.hpcgateway.frontend.scheduler.slurm;

import io.hpcgateway.frontend.filesystem.PathGuard;
import io.hpcgateway.frontend.identity.CommandRunner;
import io.hpcgateway.frontend.identity.RunAs;
import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.platform.FrontendConfig;
import io.hpcgateway.frontend.scheduler.JobAccounting;
import io.hpcgateway.frontend.scheduler.JobModel;
import io.hpcgateway.frontend.scheduler.JobSubmission;
import io.hpcgateway.frontend.scheduler.NodeModel;
import io.hpcgateway.frontend.scheduler.PartitionModel;
import io.hpcgateway.frontend.scheduler.ReservationModel;
import io.hpcgateway.frontend.scheduler.Scheduler;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.Matcher;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The real SLURM, through its command-line tools. Listing costs exactly two commands whatever the
 * number of jobs: one {@code squeue} over every job the controller remembers and one {@code sacct}
 * over everything accounting knows in the window.
 */
public class SlurmScheduler implements Scheduler {

    private static final Logger LOG = Logger.getLogger(SlurmScheduler.class);

    /** How srun reports a task that ran and failed, as opposed to its own refusal to start one. */
    private static final Pattern TASK_EXIT = Pattern.compile("task \\d+: Exited with exit code (\\d+)");

    private final SlurmCli cli;
    private final String cluster;
    private final Duration attachTimeout;

    public SlurmScheduler(CommandRunner runner, FrontendConfig config) {
        this.attachTimeout = config.attachTimeout();
        this.cli = new SlurmCli(runner, config.slurm());
        this.cluster = config.systemName();
    }

    @Override
    public String type() {
        return "slurm";
    }

    @Override
    public String version(RunAs who) {
        String out = SlurmCli.requireOk(cli.run(who, List.of("sinfo", "--version")), "sinfo --version").stdout().strip();
        return out.substring(out.lastIndexOf(' ') + 1);
    }

    @Override
    public long submit(JobSubmission job) {
        CommandRunner.Result result = cli.runGuarded(RunAs.user(job.user()), job.checks(), SbatchCommand.argv(job),
                job.script(), job.env());
        ApiException refused = PathGuard.refusal(result.exitCode(), result.stderr(), job.checks());
        if (refused != null) {
            throw refused;
        }
        if (!result.ok()) {
            // sbatch's refusals (bad partition, bad directive, not a batch script) are the user's to fix.
            throw ApiException.badRequest("sbatch refused the job: " + sbatchReason(result));
        }
        return SbatchCommand.parseJobId(result.stdout());
    }

    /**
     * The controller's view (every job it remembers, live or just finished) merged with
     * accounting's: a finished job's accounting row wins, since only it carries the exit code; the
     * controller's row stands for live jobs and for finished ones accounting has not written yet.
     */
    @Override
    public List<JobModel> jobs(RunAs who, Duration window) {
        Map<Long, JobModel> merged = new LinkedHashMap<>();
        SqueueCommand.parse(SlurmCli.requireOk(cli.run(who, SqueueCommand.allStatesArgv()), "squeue").stdout(), cluster)
                .forEach(job -> merged.put(job.jobId(), job));
        SacctCommand.parse(SlurmCli.requireOk(cli.run(who, SacctCommand.argv(window)), "sacct").stdout(), cluster)
                .forEach(job -> merged.merge(job.jobId(), job, (live, accounted) -> accounted.isFinal() ? accounted : live));
        return List.copyOf(merged.values());
    }

    /**
     * Live jobs come from squeue, finished ones from accounting. A job that has just finished can
     * be in neither for a second or three (accounting lags the controller), so the controller's
     * memory is asked last, with the exit code from scontrol.
     */
    @Override
    public Optional<JobModel> job(RunAs who, long jobId) {
        // squeue exits 1 ("Invalid job id") once the controller forgot the job: then accounting knows it.
        Optional<JobModel> live = squeue(who, SqueueCommand.argv(jobId), jobId);
        if (live.isPresent()) {
            return live;
        }
        String accounted = SlurmCli.requireOk(cli.run(who, SacctCommand.argv(jobId)), "sacct").stdout();
        Optional<JobModel> finished = SacctCommand.parse(accounted, cluster).stream()
                .filter(j -> j.jobId() == jobId).findFirst();
        if (finished.isPresent()) {
            return finished;
        }
        Optional<JobModel> remembered = squeue(who, SqueueCommand.anyStateArgv(jobId), jobId)
                .map(job -> ScontrolCommand.withExitCode(job, cli.run(who, ScontrolCommand.argv(jobId)).stdout()));
        LOG.debugf("job %d: in neither squeue nor accounting; the controller %s", jobId,
                remembered.map(j -> "says " + j.status().state()).orElse("does not know it"));
        return remembered;
    }

    private Optional<JobModel> squeue(RunAs who, List<String> argv, long jobId) {
        CommandRunner.Result result = cli.run(who, argv);
        return result.ok() ? SqueueCommand.parse(result.stdout(), cluster).stream()
                .filter(j -> j.jobId() == jobId).findFirst() : Optional.empty();
    }

    @Override
    public List<JobAccounting> accounting(RunAs who, Collection<Long> jobIds) {
        return jobIds.isEmpty() ? List.of() : SacctUsageCommand.parse(
                SlurmCli.requireOk(cli.run(who, SacctUsageCommand.argv(jobIds)), "sacct").stdout());
    }

    @Override
    public void cancel(RunAs who, long jobId) {
        SlurmCli.requireOk(cli.run(who, List.of("scancel", Long.toString(jobId))), "scancel");
    }

    @Override
    public void attach(RunAs who, long jobId, String workingDirectory, String command) {
        CommandRunner.Result result = cli.run(who, List.of("srun", "--jobid=" + jobId, "--overlap",
                "--chdir=" + workingDirectory, "/bin/bash", "-c", command), attachTimeout);
        if (result.ok()) {
            return;
        }
        Matcher exited = TASK_EXIT.matcher(result.stderr());
        if (exited.find()) {
            throw ApiException.commandFailed(Integer.parseInt(exited.group(1)), result.firstErrorLine());
        }
        if (result.stderr().contains("srun: error:")) { // srun's own refusal: the job is pending or finished
            throw ApiException.conflict("Job " + jobId + " cannot take a command now (" + result.firstErrorLine()
                    + "); a command attaches to a running job only");
        }
        throw ApiException.commandFailed(result.exitCode(), result.firstErrorLine());
    }

    @Override
    public List<NodeModel> nodes(RunAs who) {
        return SinfoCommand.parseNodes(SlurmCli.requireOk(cli.run(who, SinfoCommand.nodesArgv()), "sinfo").stdout());
    }

    @Override
    public List<PartitionModel> partitions(RunAs who) {
        return SinfoCommand.parsePartitions(
                SlurmCli.requireOk(cli.run(who, SinfoCommand.partitionsArgv()), "sinfo").stdout());
    }

    @Override
    public List<ReservationModel> reservations(RunAs who) {
        return ReservationsCommand.parse(SlurmCli.requireOk(cli.run(who, ReservationsCommand.argv()), "scontrol")
                .stdout());
    }

    private static String sbatchReason(CommandRunner.Result result) {
        return String.join(" ", result.stderr().strip().lines()
                .map(line -> line.replaceFirst("^sbatch: error: ", "")).toList());
    }
}
