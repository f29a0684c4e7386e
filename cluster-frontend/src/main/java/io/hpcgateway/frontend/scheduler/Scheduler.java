package io.hpcgateway.frontend.scheduler;

import io.hpcgateway.frontend.identity.RunAs;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The operations the routes need from a batch scheduler, each on behalf of {@code who}: a user's
 * own account, or the service identity for the gateway's batched calls. The routes never know
 * which backend runs: the real SLURM CLI or the local process executor.
 */
public interface Scheduler {

    /** Scheduler type as {@code /status/systems} reports it: "slurm" or "local". */
    String type();

    String version(RunAs who);

    /** Submits as the submission's user and returns the job id; the script is never passed through a shell. */
    long submit(JobSubmission submission);

    /** Live jobs plus every job that was active within the window (finished ones from accounting). */
    List<JobModel> jobs(RunAs who, Duration window);

    /** One job, live or finished, however long ago it left the queue. */
    Optional<JobModel> job(RunAs who, long jobId);

    /** Accounting for the given jobs, in one scheduler call; jobs accounting does not know are left out. */
    List<JobAccounting> accounting(RunAs who, Collection<Long> jobIds);

    /**
     * Runs {@code command} (a shell command line) inside a running job, as its steps run, in the
     * job's working directory, and waits for it: SLURM's {@code srun --jobid --overlap}. A job that
     * is not running is a 409.
     */
    void attach(RunAs who, long jobId, String workingDirectory, String command);

    /** Cancels a pending or running job; a finished job is left as it is. */
    void cancel(RunAs who, long jobId);

    List<NodeModel> nodes(RunAs who);

    List<PartitionModel> partitions(RunAs who);

    /** Advance reservations; a scheduler without them has none. */
    List<ReservationModel> reservations(RunAs who);
}
