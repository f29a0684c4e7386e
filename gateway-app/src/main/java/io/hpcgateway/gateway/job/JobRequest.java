package io.hpcgateway.gateway.job;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v2/jobs}: a batch script, or a command (optionally in a container image). */
@Schema(name = "JobRequest")
public record JobRequest(
        @Schema(description = "A name for the job (1-128 printable characters)", required = true) String name,
        @Schema(description = "Cluster name; the gateway's default cluster when absent") String cluster,
        @Schema(description = "A complete batch script starting with #!; give this or command") String script,
        @Schema(description = "A shell command to run; give this or script") String command,
        @Schema(description = "Container image to run the command in (Apptainer/Singularity), e.g. docker://python:3.12")
        String image,
        @Schema(description = "SLURM partition") String partition,
        @Schema(description = "Environment variables for the job") Map<String, String> env,
        Resources resources) {

    /** Resources requested, mapped to #SBATCH lines (seed 001's job spec mapping). */
    @Schema(name = "Resources")
    public record Resources(Integer nodes, Integer ntasksPerNode, Integer cpusPerTask, Integer memoryMbPerNode,
                            @Schema(description = "Wall-clock limit in minutes") Integer timeLimitMinutes) {}
}
