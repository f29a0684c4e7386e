package io.hpcgateway.gateway.marketplace;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.hpcgateway.gateway.job.JobRequest;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A job in the MarketPlace vocabulary: the legacy hpc-gateway-app's job fields (snake_case), plus
 * the resources and script the native API knows. Legacy {@code POST /api/v1/job/create} takes it as
 * its body, {@code POST /transformations} as its {@code parameters}.
 */
@Schema(name = "TransformationParameters", description = "A job: a command (optionally in a container image) or a "
        + "batch script, with the resources it needs")
public record TransformationParameters(
        @JsonProperty("job_name") @Schema(required = true, description = "A name for the job (1-128 characters)")
        String jobName,
        @JsonProperty("executable_cmd") @Schema(description = "The command to run; give this or script",
                examples = "python run.py --steps 100") String executableCmd,
        @Schema(description = "A complete batch script starting with #!; give this or executable_cmd") String script,
        @Schema(description = "Container image the command runs in, with srun when there are several tasks "
                + "(Apptainer/Singularity)", examples = "docker://python:3.12") String image,
        @Schema(description = "SLURM partition", examples = "debug") String partition,
        @JsonProperty("ntasks_per_node") @Schema(description = "Tasks per node (1-256)") Integer ntasksPerNode,
        @Schema(description = "Nodes (1-128)") Integer nodes,
        @JsonProperty("cpus_per_task") @Schema(description = "CPUs per task (1-256)") Integer cpusPerTask,
        @JsonProperty("memory_mb_per_node") @Schema(description = "Memory per node in MiB") Integer memoryMbPerNode,
        @JsonProperty("time_limit_minutes") @Schema(description = "Wall-clock limit in minutes") Integer timeLimitMinutes,
        @Schema(description = "Environment variables for the job") Map<String, String> env,
        @Schema(description = "Cluster name; the gateway's default cluster when absent") String cluster) {

    /** The native names of the fields, for error messages in this vocabulary. */
    static final Map<String, String> NATIVE_NAMES = Map.of(
            "name", "job_name", "command", "executable_cmd",
            "resources.ntasksPerNode", "ntasks_per_node", "resources.nodes", "nodes",
            "resources.cpusPerTask", "cpus_per_task", "resources.memoryMbPerNode", "memory_mb_per_node",
            "resources.timeLimitMinutes", "time_limit_minutes");

    JobRequest toJobRequest() {
        return new JobRequest(jobName, cluster, script, executableCmd, image, partition, env,
                new JobRequest.Resources(nodes, ntasksPerNode, cpusPerTask, memoryMbPerNode, timeLimitMinutes));
    }
}
