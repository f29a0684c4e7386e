package io.hpcgateway.gateway.job;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /api/v2/jobs}: a batch script, a command (optionally in a container image), or a
 * workload template with its parameters.
 */
@Schema(name = "JobRequest")
public record JobRequest(
        @Schema(description = "A name for the job (1-128 printable characters)", required = true) String name,
        @Schema(description = "Cluster name; the gateway's default cluster when absent") String cluster,
        @Schema(description = "A complete batch script starting with #!; give this, command or template") String script,
        @Schema(description = "A shell command to run; give this, script or template") String command,
        @Schema(description = "Container image to run the command in (Apptainer/Singularity), e.g. docker://python:3.12")
        String image,
        @Schema(description = "SLURM partition") String partition,
        @Schema(description = "Environment variables for the job (script and command jobs)") Map<String, String> env,
        Resources resources,
        @Schema(description = "A workload template: id (its newest approved version) or id@version") String template,
        @Schema(description = "The template's parameters, checked against its parameter_schema")
        Map<String, Object> parameters,
        @Schema(description = "Where to POST this job's lifecycle events (an https URL; signed as a webhook's are, "
                + "with the secret the answer carries once)") String callbackUrl,
        @Schema(description = "The region to run near (eu-central...), for a job that names no cluster; the "
                + "account's region when absent") String region) {

    /** A script or command job (no template). */
    public JobRequest(String name, String cluster, String script, String command, String image, String partition,
                      Map<String, String> env, Resources resources) {
        this(name, cluster, script, command, image, partition, env, resources, null, null, null, null);
    }

    /** Resources requested, mapped to #SBATCH lines (seed 001's job spec mapping). */
    @Schema(name = "Resources")
    public record Resources(Integer nodes, Integer ntasksPerNode, Integer cpusPerTask, Integer memoryMbPerNode,
                            @Schema(description = "Wall-clock limit in minutes") Integer timeLimitMinutes,
                            @Schema(description = "CPUs per node (template jobs)") Integer cpusPerNode,
                            @Schema(description = "GPUs per node (template jobs)") Integer gpusPerNode) {

        public Resources(Integer nodes, Integer ntasksPerNode, Integer cpusPerTask, Integer memoryMbPerNode,
                         Integer timeLimitMinutes) {
            this(nodes, ntasksPerNode, cpusPerTask, memoryMbPerNode, timeLimitMinutes, null, null);
        }
    }
}
