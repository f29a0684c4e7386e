package io.hpcgateway.frontend.scheduler;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The operations the routes need from a batch scheduler. The routes never know which backend
 * runs: the real SLURM CLI or the local process executor.
 */
public interface Scheduler {

    /** Scheduler type as {@code /status/systems} reports it: "slurm" or "local". */
    String type();

    String version();

    /** Submits and returns the job id; the script is never passed through a shell. */
    long submit(JobSubmission submission);

    /** Live jobs plus every job that was active within the window (finished ones from accounting). */
    List<JobModel> jobs(Duration window);

    /** One job, live or finished, however long ago it left the queue. */
    Optional<JobModel> job(long jobId);

    /** Accounting for the given jobs, in one scheduler call; jobs accounting does not know are left out. */
    List<JobAccounting> accounting(Collection<Long> jobIds);

    /** Cancels a pending or running job; a finished job is left as it is. */
    void cancel(long jobId);

    List<NodeModel> nodes();

    List<PartitionModel> partitions();
}
