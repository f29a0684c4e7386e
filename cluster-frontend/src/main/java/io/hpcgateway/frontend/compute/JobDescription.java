package io.hpcgateway.frontend.compute;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The {@code job} object of a FirecREST v2 submission. Each field takes every spelling
 * FirecREST's model takes (its camelCase alias and its snake_case name, and the working
 * directory's {@code current_working_directory}): pyfirecrest sends {@code working_directory}.
 */
@Schema(name = "JobDescription")
public record JobDescription(
        String name,
        String account,
        String reservation,
        String partition,
        String constraints,
        @Schema(required = true, description = "Directory the job runs in; inside the caller's directories")
        @JsonAlias({"working_directory", "current_working_directory", "currentWorkingDirectory"})
        String workingDirectory,
        @JsonAlias("standard_input")
        @Schema(description = "File the job reads as stdin, relative to workingDirectory")
        String standardInput,
        @JsonAlias("standard_output")
        @Schema(description = "stdout file; SLURM patterns %j %x %u allowed; default slurm-%j.out")
        String standardOutput,
        @JsonAlias("standard_error")
        String standardError,
        @JsonAlias("environment")
        @Schema(description = "Environment: an object of names to values, or a list of \"NAME=value\"")
        JsonNode env,
        @Schema(description = "The batch script itself; give this or scriptPath")
        String script,
        @JsonAlias("script_path")
        @Schema(description = "Path of a batch script on the cluster; give this or script")
        String scriptPath,
        @Schema(description = "Time limit as sbatch --time reads it (minutes, or [D-]HH:MM:SS); overrides #SBATCH --time")
        @JsonAlias("time_limit")
        String timeLimit) {}
