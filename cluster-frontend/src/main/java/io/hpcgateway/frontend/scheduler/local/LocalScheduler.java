package io.hpcgateway.frontend.scheduler.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.frontend.filesystem.PathGuard;
import io.hpcgateway.frontend.identity.CommandRunner;
import io.hpcgateway.frontend.identity.Launcher;
import io.hpcgateway.frontend.identity.RunAs;
import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.platform.FrontendConfig;
import io.hpcgateway.frontend.scheduler.BatchDirectives;
import io.hpcgateway.frontend.scheduler.JobAccounting;
import io.hpcgateway.frontend.scheduler.JobModel;
import io.hpcgateway.frontend.scheduler.JobStates;
import io.hpcgateway.frontend.scheduler.JobSubmission;
import io.hpcgateway.frontend.scheduler.NodeModel;
import io.hpcgateway.frontend.scheduler.PartitionModel;
import io.hpcgateway.frontend.scheduler.ReservationModel;
import io.hpcgateway.frontend.scheduler.Scheduler;
import io.hpcgateway.frontend.scheduler.SlurmTime;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs batch scripts as local processes, like AiiDA's "direct" scheduler, with SLURM's
 * behaviour where it shows: at most {@code slots} jobs run, the rest wait PENDING in submission
 * order; a time limit ends a job as TIMEOUT, a cancel as CANCELLED, a non-zero exit as FAILED
 * with its code; output goes to {@code slurm-<id>.out} unless named. Each job runs in its own
 * session ({@code setsid}) under a small shell of the front end's that records its exit status in
 * a file, so jobs outlive a front-end restart and their outcome is still known afterwards. The job
 * itself runs as the user's account (through the launcher), which opens the job's directory,
 * input and output files itself: the front end opens none of them.
 */
public class LocalScheduler implements Scheduler {

    private static final Logger LOG = Logger.getLogger(LocalScheduler.class);
    private static final int SIGTERM = 15;
    /** The front end's part: runs the job's command ($2...) and writes its exit status to the rc file ($1). */
    private static final String RECORDER = "rc=$1; shift; \"$@\"; echo $? > \"$rc\"";
    /** The user's part: enters the working directory ($1) and runs the script ($2) with its streams ($3-$5). */
    private static final String JOB = "cd -- \"$1\" || exit 1; exec \"$2\" < \"$3\" > \"$4\" 2> \"$5\"";
    private static final String JOB_ONE_OUTPUT = "cd -- \"$1\" || exit 1; exec \"$2\" < \"$3\" > \"$4\" 2>&1";
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(15);

    private final LocalJobStore store;
    private final CommandRunner runner;
    private final Launcher launcher;
    private final Map<Long, LocalJobRecord> jobs = new LinkedHashMap<>();
    private final Deque<Long> pending = new ArrayDeque<>();
    private final Map<Long, ProcessHandle> running = new HashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "local-scheduler-timers");
        thread.setDaemon(true);
        return thread;
    });
    private final int slots;
    private final List<String> partitions;
    private final Duration killGrace;
    private final Duration attachTimeout;
    private final String cluster;
    private final String version;
    private long nextId = 1;
    /** Set at shutdown: from then on the records belong to the next executor, and this one writes nothing. */
    private boolean closed;

    /**
     * @param recordDir  where job records live; a new executor on the same folder takes the jobs over
     * @param slots      jobs that run at once
     * @param partitions accepted partition names, the first the default
     * @param killGrace  time between SIGTERM and SIGKILL
     * @param attachTimeout longest a command attached to a running job may run
     */
    public record Settings(Path recordDir, Path spoolDir, int slots, List<String> partitions, Duration killGrace,
                           String cluster, String version, Duration attachTimeout) {
        public static Settings of(FrontendConfig config, String version) {
            return new Settings(config.dataDir().resolve("local-jobs"), config.dataDir().resolve("local-spool"),
                    FrontendConfig.localSlots(config), config.local().partitions(), config.local().killGracePeriod(),
                    config.systemName(), version, config.attachTimeout());
        }
    }

    public LocalScheduler(Settings settings, ObjectMapper json, CommandRunner runner, Launcher launcher) {
        this.store = new LocalJobStore(settings.recordDir(), settings.spoolDir(), json);
        this.attachTimeout = settings.attachTimeout();
        this.runner = runner;
        this.launcher = launcher;
        this.slots = settings.slots();
        this.partitions = List.copyOf(settings.partitions());
        this.killGrace = settings.killGrace();
        this.cluster = settings.cluster();
        this.version = settings.version();
        recover();
    }

    @Override
    public String type() {
        return "local";
    }

    @Override
    public String version(RunAs who) {
        return version;
    }

    /**
     * Checks the submission's paths as the user (its links must stay in the user's directory) and
     * that the account may run jobs, then queues the job.
     */
    @Override
    public long submit(JobSubmission submission) {
        RunAs who = RunAs.user(submission.user());
        CommandRunner.Result verdict = runner.run(who, PathGuard.argv(submission.checks(), "exit 0", List.of()), null,
                Map.of(), CHECK_TIMEOUT);
        ApiException refused = PathGuard.refusal(verdict.exitCode(), verdict.stderr(), submission.checks());
        if (refused != null) {
            throw refused;
        }
        if (!verdict.ok()) {
            throw ApiException.schedulerError("Checking the job's paths failed: " + verdict.firstErrorLine());
        }
        return queue(submission, launcher.localProcess(who));
    }

    private synchronized long queue(JobSubmission submission, Launcher.LocalProcess process) {
        String script = submission.script();
        if (!script.startsWith("#!")) {
            throw ApiException.validation("body", "script", "This does not look like a batch script: the first line "
                    + "must start with #! followed by the path to an interpreter, for instance #!/bin/bash");
        }
        BatchDirectives directives = BatchDirectives.parse(script);
        String partition = first(submission.partition(), directives.partition(), partitions.get(0));
        if (!partitions.contains(partition)) {
            throw ApiException.validation("body", "partition", "invalid partition specified: " + partition
                    + " (this system has " + String.join(", ", partitions) + ")");
        }
        Long limit = submission.timeLimitSeconds();
        if (limit == null && directives.time() != null) {
            limit = SlurmTime.durationSeconds(directives.time());
            if (limit == null) {
                throw ApiException.validation("body", "script", "Invalid #SBATCH --time: " + directives.time());
            }
        }
        LocalJobRecord job = new LocalJobRecord();
        job.id = nextId++;
        job.user = submission.user();
        job.name = first(submission.name(), directives.jobName(), "sbatch");
        job.account = submission.account();
        job.partition = partition;
        job.workingDirectory = submission.workingDirectory().toString();
        JobSubmission named = new JobSubmission(job.user, job.name, null, null, null, null,
                submission.workingDirectory(), null, null, null, Map.of(), script, limit, List.of());
        // The validator has already put the script's own --output/--error/--input here, confined.
        String output = first(submission.standardOutput(), null, JobSubmission.DEFAULT_OUTPUT);
        job.standardOutput = named.resolveOutput(output, job.id).toString();
        job.standardError = named.resolveOutput(first(submission.standardError(), null, output), job.id).toString();
        String input = submission.standardInput();
        job.standardInput = input == null ? null : named.resolveOutput(input, job.id).toString();
        job.env = Map.copyOf(submission.env());
        job.timeLimitSeconds = limit;
        job.state = JobStates.PENDING;
        job.stateReason = "None";
        job.submitTime = Instant.now().getEpochSecond();
        store.writeScript(job.id, script, process.owner());
        jobs.put(job.id, job);
        store.save(job);
        pending.add(job.id);
        dispatch();
        return job.id;
    }

    @Override
    public synchronized List<JobModel> jobs(RunAs who, Duration window) {
        long since = Instant.now().minus(window).getEpochSecond();
        return jobs.values().stream()
                .filter(j -> !JobStates.isFinal(j.state) || j.submitTime >= since || (j.endTime != null && j.endTime >= since))
                .map(this::toModel)
                .toList();
    }

    @Override
    public synchronized Optional<JobModel> job(RunAs who, long jobId) {
        return Optional.ofNullable(jobs.get(jobId)).map(this::toModel);
    }

    /**
     * The executor runs each job in one slot (one CPU, one node) and measures neither CPU time nor
     * memory: those stay unknown (null), never zero.
     */
    @Override
    public synchronized List<JobAccounting> accounting(RunAs who, Collection<Long> jobIds) {
        return jobIds.stream().map(jobs::get).filter(Objects::nonNull).map(job -> {
            int slot = job.startTime == null ? 0 : 1; // a job that never started held nothing
            return new JobAccounting(job.id, job.state, JobStates.isFinal(job.state), elapsedSeconds(job),
                    null, slot, slot, 0, null, null, null, null, job.startTime, job.endTime, job.user,
                    job.workingDirectory);
        }).toList();
    }

    /** The command runs as the job's user in its working directory, with the job's SLURM_* variables. */
    @Override
    public void attach(RunAs who, long jobId, String workingDirectory, String command) {
        LocalJobRecord job;
        Map<String, String> env = new HashMap<>();
        synchronized (this) {
            job = jobs.get(jobId);
            if (job == null || !JobStates.RUNNING.equals(job.state)) {
                throw ApiException.conflict("Job " + jobId + " is not running; a command attaches to a running job only");
            }
            jobEnvironment(job, Map.of(), env);
        }
        CommandRunner.Result result = runner.run(RunAs.user(job.user), List.of("/bin/bash", "-c",
                "cd \"$1\" && eval \"$2\"", "hpcgw-attach", job.workingDirectory, command), null, env, attachTimeout);
        if (!result.ok()) {
            throw ApiException.commandFailed(result.exitCode(), result.firstErrorLine());
        }
    }

    @Override
    public synchronized void cancel(RunAs who, long jobId) {
        LocalJobRecord job = jobs.get(jobId);
        if (job == null || JobStates.isFinal(job.state)) {
            return;
        }
        if (JobStates.PENDING.equals(job.state)) {
            pending.remove(jobId);
            finish(job, JobStates.CANCELLED, "None", 0, SIGTERM);
            return;
        }
        stop(job, JobStates.CANCELLED);
    }

    @Override
    public synchronized List<NodeModel> nodes(RunAs who) {
        int busy = running.size();
        String state = busy == 0 ? "IDLE" : busy < slots ? "MIXED" : "ALLOCATED";
        long memoryMiB = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() / (1024 * 1024);
        return List.of(new NodeModel(hostname(), List.of(state), slots, busy, slots - busy, memoryMiB, null,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), List.copyOf(partitions), List.of()));
    }

    @Override
    public List<PartitionModel> partitions(RunAs who) {
        return partitions.stream()
                .map(p -> new PartitionModel(p, p.equals(partitions.get(0)), "UP", 1, slots, "infinite"))
                .toList();
    }

    /** The local executor reserves nothing. */
    @Override
    public List<ReservationModel> reservations(RunAs who) {
        return List.of();
    }

    /** Stops the timers; job processes run on in their own sessions and are found again at the next start. */
    public synchronized void shutdown() {
        closed = true;
        timers.shutdownNow();
    }

    private void recover() {
        List<LocalJobRecord> records = store.loadAll();
        records.sort(Comparator.comparingLong(r -> r.id));
        for (LocalJobRecord job : records) {
            jobs.put(job.id, job);
            nextId = Math.max(nextId, job.id + 1);
            if (JobStates.PENDING.equals(job.state)) {
                pending.add(job.id);
            } else if (JobStates.RUNNING.equals(job.state)) {
                Optional<ProcessHandle> process = ownProcess(job);
                if (process.isPresent()) {
                    running.put(job.id, process.get());
                    process.get().onExit().thenRun(() -> exited(job.id));
                    scheduleTimeLimit(job);
                } else {
                    exited(job.id);
                }
            }
        }
        if (!records.isEmpty()) {
            LOG.infof("Local executor recovered %d jobs (%d running, %d pending)", records.size(), running.size(),
                    pending.size());
        }
        dispatch();
    }

    private Optional<ProcessHandle> ownProcess(LocalJobRecord job) {
        return job.pid == null ? Optional.empty() : ProcessHandle.of(job.pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> job.pidStartMillis == null || p.info().startInstant()
                        .map(start -> start.toEpochMilli() == job.pidStartMillis).orElse(true));
    }

    private synchronized void dispatch() {
        while (!closed && running.size() < slots && !pending.isEmpty()) {
            start(jobs.get(pending.poll()));
        }
    }

    private void start(LocalJobRecord job) {
        try {
            Files.deleteIfExists(store.exitStatusFile(job.id));
            Launcher.LocalProcess as = launcher.localProcess(RunAs.user(job.user));
            List<String> argv = new ArrayList<>(List.of("setsid", "/bin/sh", "-c", RECORDER, "hpcgw",
                    store.exitStatusFile(job.id).toString()));
            argv.addAll(as.prefix());
            boolean oneOutput = job.standardError.equals(job.standardOutput);
            argv.addAll(List.of("/bin/sh", "-c", oneOutput ? JOB_ONE_OUTPUT : JOB, "hpcgw", job.workingDirectory,
                    store.scriptFile(job.id).toString(), job.standardInput == null ? "/dev/null" : job.standardInput,
                    job.standardOutput, job.standardError));
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            jobEnvironment(job, as.environment(), builder.environment());
            Process process = builder.start();
            job.pid = process.pid();
            job.pidStartMillis = process.info().startInstant().map(Instant::toEpochMilli).orElse(null);
            job.state = JobStates.RUNNING;
            job.stateReason = "None";
            job.startTime = Instant.now().getEpochSecond();
            store.save(job);
            running.put(job.id, process.toHandle());
            process.onExit().thenRun(() -> exited(job.id));
            scheduleTimeLimit(job);
        } catch (IOException | ApiException e) {
            job.startTime = Instant.now().getEpochSecond();
            finish(job, JobStates.FAILED, "LaunchFailed: " + e.getMessage(), 1, 0);
        }
    }

    /** SLURM's job variables, the account's own (HOME, USER, LOGNAME) and the submission's environment. */
    private void jobEnvironment(LocalJobRecord job, Map<String, String> account, Map<String, String> env) {
        env.clear();
        String path = System.getenv("PATH");
        env.put("PATH", path == null ? "/usr/local/bin:/usr/bin:/bin" : path);
        env.put("SLURM_JOB_ID", Long.toString(job.id));
        env.put("SLURM_JOBID", Long.toString(job.id));
        env.put("SLURM_JOB_NAME", job.name);
        env.put("SLURM_JOB_PARTITION", job.partition);
        env.put("SLURM_SUBMIT_DIR", job.workingDirectory);
        env.put("SLURM_CLUSTER_NAME", cluster);
        env.put("SLURM_JOB_NUM_NODES", "1");
        env.put("SLURM_NNODES", "1");
        env.put("SLURM_NTASKS", "1");
        env.put("SLURM_JOB_NODELIST", hostname());
        env.putAll(account);
        env.putAll(job.env);
    }

    private void scheduleTimeLimit(LocalJobRecord job) {
        if (job.timeLimitSeconds != null && job.startTime != null) {
            long remaining = job.startTime + job.timeLimitSeconds - Instant.now().getEpochSecond();
            timers.schedule(() -> timedOut(job.id), Math.max(0, remaining), TimeUnit.SECONDS);
        }
    }

    private synchronized void timedOut(long id) {
        LocalJobRecord job = jobs.get(id);
        if (!closed && job != null && JobStates.RUNNING.equals(job.state) && job.stopReason == null) {
            stop(job, JobStates.TIMEOUT);
        }
    }

    /** SIGTERM to the whole process tree, SIGKILL after the grace period, as SLURM's KillWait does. */
    private void stop(LocalJobRecord job, String reason) {
        job.stopReason = reason;
        store.save(job);
        ProcessHandle process = running.get(job.id);
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        timers.schedule(() -> {
            tree.forEach(ProcessHandle::destroyForcibly);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }, killGrace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void exited(long id) {
        running.remove(id);
        LocalJobRecord job = jobs.get(id);
        if (closed || job == null || JobStates.isFinal(job.state)) {
            return;
        }
        Integer status = store.readExitStatus(id);
        if (JobStates.CANCELLED.equals(job.stopReason)) {
            finish(job, JobStates.CANCELLED, "None", 0, SIGTERM);
        } else if (JobStates.TIMEOUT.equals(job.stopReason)) {
            finish(job, JobStates.TIMEOUT, "TimeLimit", 0, SIGTERM);
        } else if (status == null) {
            finish(job, JobStates.NODE_FAIL, "The job's process ended without recording an exit status", null, null);
        } else if (status == 0) {
            finish(job, JobStates.COMPLETED, "None", 0, 0);
        } else {
            finish(job, JobStates.FAILED, "NonZeroExitCode", status, 0);
        }
        dispatch();
    }

    private void finish(LocalJobRecord job, String state, String reason, Integer exitCode, Integer signal) {
        job.state = state;
        job.stateReason = reason;
        job.exitCode = exitCode;
        job.signal = signal;
        job.endTime = Instant.now().getEpochSecond();
        store.save(job);
        store.removeScript(job.id);
    }

    private JobModel toModel(LocalJobRecord job) {
        long elapsed = elapsedSeconds(job);
        Long limitMinutes = job.timeLimitSeconds == null ? null : (job.timeLimitSeconds + 59) / 60;
        return new JobModel(job.id, job.name, new JobModel.JobStatus(job.state, job.stateReason, job.exitCode, job.signal),
                new JobModel.JobTime(elapsed, job.startTime, job.endTime, 0L, limitMinutes), job.account, 1, cluster,
                null, job.startTime == null ? null : hostname(), job.partition, null, job.user, job.workingDirectory,
                null);
    }

    private static long elapsedSeconds(LocalJobRecord job) {
        return job.startTime == null ? 0 : (job.endTime == null ? Instant.now().getEpochSecond() : job.endTime)
                - job.startTime;
    }

    private static String first(String a, String b, String fallback) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : fallback;
    }

    private static String hostname() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
