package io.hpcgateway.frontend.compute;

import io.hpcgateway.frontend.filesystem.PathGuard;
import io.hpcgateway.frontend.identity.JobOwners;
import io.hpcgateway.frontend.identity.RunAs;
import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.scheduler.JobAccounting;
import io.hpcgateway.frontend.scheduler.JobMetadata;
import io.hpcgateway.frontend.scheduler.JobModel;
import io.hpcgateway.frontend.scheduler.JobSubmission;
import io.hpcgateway.frontend.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jobs on behalf of a user, or of the service identity for the gateway's batched calls. A job's
 * owner comes from {@link JobOwners}; other users' jobs answer "Job not found", never
 * "forbidden", so ids reveal nothing. Every user's jobs are for the service identity alone.
 */
@ApplicationScoped
public class ComputeService {

    private static final Pattern WINDOW = Pattern.compile("(\\d{1,6})([mhd])");
    /** The longest window accounting is searched over. */
    private static final Duration MAX_WINDOW = Duration.ofDays(3650);
    private static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    private static final int MAX_ATTACH_COMMAND = 64 * 1024;

    private final Scheduler scheduler;
    private final SubmissionValidator validator;
    private final JobMetadataStore metadata;
    private final JobOwners owners;

    ComputeService(Scheduler scheduler, SubmissionValidator validator, JobMetadataStore metadata, JobOwners owners) {
        this.scheduler = scheduler;
        this.validator = validator;
        this.metadata = metadata;
        this.owners = owners;
    }

    public long submit(String user, SubmitRequest request) {
        return submit(user, request, List.of());
    }

    /**
     * A submission whose script acts on further paths (a transfer job's): they are checked as the
     * user with the job's own, before anything is queued.
     */
    public long submit(String user, SubmitRequest request, List<PathGuard.Check> pathsOfTheScript) {
        JobSubmission job = validator.validate(user, request).withMoreChecks(pathsOfTheScript);
        long id = scheduler.submit(job);
        String stdout = job.standardOutput() == null ? JobSubmission.DEFAULT_OUTPUT : job.standardOutput();
        String stderr = job.standardError() == null ? stdout : job.standardError();
        metadata.save(new JobMetadata(id, job.script(),
                job.standardInput() == null ? null : job.resolveOutput(job.standardInput(), id).toString(),
                job.resolveOutput(stdout, id).toString(), job.resolveOutput(stderr, id).toString()));
        return id;
    }

    public List<JobModel> list(RunAs who, boolean allUsers, String account, String name, String timeWindow) {
        requireServiceFor(allUsers, who);
        return scheduler.jobs(who, window(timeWindow)).stream()
                .map(this::withOwner)
                .filter(job -> allUsers || who.account().equals(job.user()))
                .filter(job -> account == null || account.equals(job.account()))
                .filter(job -> name == null || name.equals(job.name()))
                .toList();
    }

    /** The user's own job; any user's for the service identity, whose gateway follows every job it launched. */
    public JobModel get(RunAs who, long jobId) {
        return scheduler.job(who, jobId).map(this::withOwner)
                .filter(job -> who.service() || who.account().equals(job.user()))
                .orElseThrow(() -> ApiException.notFound("Job not found: " + jobId));
    }

    /** Accounting for the given jobs of the caller (of everyone's, for the service identity, with {@code allUsers}). */
    public List<JobAccounting> accounting(RunAs who, boolean allUsers, List<Long> jobIds) {
        requireServiceFor(allUsers, who);
        return scheduler.accounting(who, jobIds).stream()
                .map(job -> job.withUser(owners.owner(job.user(), job.workingDirectory())))
                .filter(job -> allUsers || who.account().equals(job.user()))
                .toList();
    }

    public JobMetadata metadata(String user, long jobId) {
        get(RunAs.user(user), jobId);
        return metadata.find(jobId).orElseGet(() -> new JobMetadata(jobId, null, null, null, null));
    }

    /** Runs a command inside the user's own running job, as the user (the service identity has no job to attach to). */
    public void attach(String user, long jobId, String command) {
        if (command == null || command.isBlank()) {
            throw ApiException.validation("body", "command", "'command' is required: the command line to run in the job");
        }
        if (command.length() > MAX_ATTACH_COMMAND) {
            throw ApiException.validation("body", "command", "'command' is longer than " + MAX_ATTACH_COMMAND
                    + " characters; put a longer one in a script");
        }
        JobModel job = get(RunAs.user(user), jobId);
        scheduler.attach(RunAs.user(user), jobId, job.workingDirectory(), command);
    }

    /**
     * Cancels the user's own job. The service identity may cancel any user's job (the gateway stops
     * the jobs of a revoked template): scancel then runs as the job's owner, as if they had asked.
     */
    public void cancel(RunAs who, long jobId) {
        JobModel job = get(who, jobId);
        if (job.isFinal()) {
            return;
        }
        if (who.service() && job.user() == null) {
            throw new ApiException(409, "error", "owner_unknown", "Job " + jobId
                    + " has no known owner yet to cancel it as; try again in a moment.", List.of());
        }
        scheduler.cancel(who.service() ? RunAs.user(job.user()) : who, jobId);
    }

    private JobModel withOwner(JobModel job) {
        return job.withUser(owners.owner(job.user(), job.workingDirectory()));
    }

    private static void requireServiceFor(boolean allUsers, RunAs who) {
        if (allUsers && !who.service()) {
            throw ApiException.forbidden("'allusers=true' shows every user's jobs and is only for the gateway's "
                    + "service token; leave it out to see your own.");
        }
    }

    static Duration window(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_WINDOW;
        }
        Matcher m = WINDOW.matcher(text.strip());
        String what = "'time_window' must be a number with m, h or d, such as 1h, 8h, 24h, 3d or 7d, up to "
                + MAX_WINDOW.toDays() + "d";
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw ApiException.validation("query", "time_window", what);
        }
        long n = Long.parseLong(m.group(1));
        Duration window = Map.of("m", Duration.ofMinutes(n), "h", Duration.ofHours(n), "d", Duration.ofDays(n))
                .get(m.group(2));
        if (window.compareTo(MAX_WINDOW) > 0) {
            throw ApiException.validation("query", "time_window", what);
        }
        return window;
    }
}
