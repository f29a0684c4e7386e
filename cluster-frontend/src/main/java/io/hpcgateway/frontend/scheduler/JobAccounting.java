package io.hpcgateway.frontend.scheduler;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the scheduler's accounting knows of one job's resource use. An extension to FirecREST v2,
 * after v1's {@code /compute/acct}. A field is null when the scheduler does not know it (the local
 * executor measures no memory), never zero in its place.
 */
@Schema(name = "JobAccounting")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobAccounting(
        long jobId,
        @Schema(description = "SLURM's state string") String state,
        @Schema(description = "True once the job has finished and accounting has written everything it will: "
                + "its numbers no longer change") boolean complete,
        @Schema(description = "Seconds run so far (sacct ElapsedRaw)") Long elapsedSeconds,
        @Schema(description = "CPU time the job's processes used, in milliseconds (sacct TotalCPU); "
                + "SLURM fills it in when the job's steps end") Long totalCpuMillis,
        @Schema(description = "Allocated CPUs (AllocCPUS)") Integer allocatedCpus,
        @Schema(description = "Allocated nodes (NNodes)") Integer allocatedNodes,
        @Schema(description = "Allocated GPUs (gres/gpu in AllocTRES); 0 without GPUs") Integer allocatedGpus,
        @Schema(description = "GPU model when AllocTRES names one (gres/gpu:a100)") String gpuModel,
        @Schema(description = "Memory the job requested, in bytes (ReqMem)") Long requestedMemoryBytes,
        @Schema(description = "Largest resident set of any step, in bytes (MaxRSS)") Long maxRssBytes,
        @Schema(description = "Energy the job's nodes used, in joules, where an energy plugin measures it")
        Long energyJoules,
        @Schema(description = "Start, epoch seconds") Long start,
        @Schema(description = "End, epoch seconds") Long end,
        @Schema(description = "The user the job belongs to: the account it ran as, or, where every job runs as one "
                + "service account, the owner of its working directory's user folder")
        String user,
        String workingDirectory) {

    public JobAccounting withUser(String owner) {
        return new JobAccounting(jobId, state, complete, elapsedSeconds, totalCpuMillis, allocatedCpus,
                allocatedNodes, allocatedGpus, gpuModel, requestedMemoryBytes, maxRssBytes, energyJoules, start, end,
                owner, workingDirectory);
    }
}
