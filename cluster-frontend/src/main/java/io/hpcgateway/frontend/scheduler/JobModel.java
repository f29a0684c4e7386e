package io.hpcgateway.frontend.scheduler;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A job as FirecREST v2 reports it. {@code status.state} is SLURM's own state string
 * (PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, OUT_OF_MEMORY, NODE_FAIL...).
 */
@Schema(name = "Job")
public record JobModel(
        long jobId,
        String name,
        JobStatus status,
        JobTime time,
        String account,
        Integer allocationNodes,
        String cluster,
        String group,
        String nodes,
        String partition,
        String killRequestUser,
        @Schema(description = "The user the job belongs to: the account it ran as, or, where every job runs as one "
                + "service account, the owner of its working directory's user folder")
        String user,
        String workingDirectory,
        Long priority) {

    @Schema(name = "JobStatus")
    public record JobStatus(String state, String stateReason,
                            @Schema(description = "The script's exit code (`exit 3` gives 3)") Integer exitCode,
                            @Schema(description = "The signal that ended the job, 0 if none") Integer interruptSignal) {}

    @Schema(name = "JobTime")
    public record JobTime(@Schema(description = "Seconds run so far") Long elapsed,
                          @Schema(description = "Start, epoch seconds") Long start,
                          @Schema(description = "End, epoch seconds") Long end,
                          @Schema(description = "Seconds suspended") Long suspended,
                          @Schema(description = "Time limit in minutes; null when unlimited") Long limit) {}

    @JsonIgnore
    public boolean isFinal() {
        return JobStates.isFinal(status.state());
    }

    public JobModel withUser(String owner) {
        return new JobModel(jobId, name, status, time, account, allocationNodes, cluster, group, nodes, partition,
                killRequestUser, owner, workingDirectory, priority);
    }
}
