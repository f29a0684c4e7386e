package io.hpcgateway.gateway.job;

import static io.hpcgateway.gateway.job.ShellLines.quote;

import io.hpcgateway.gateway.placement.Regions;
import io.hpcgateway.gateway.platform.ApiException;
import io.hpcgateway.gateway.platform.Echo;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates a {@link JobRequest} and renders its batch script. Values the user chose (command,
 * image) reach the script only single-quoted, so they are data to the shell, never code.
 */
final class JobScripts {

    static final int MAX_SCRIPT_BYTES = 1024 * 1024;
    /** Limits of a request's strings and environment (README, "Security"). */
    static final int MAX_COMMAND_CHARS = 64 * 1024;
    static final int MAX_ENV_VARIABLES = 256;
    static final int MAX_ENV_VALUE_CHARS = 32 * 1024;
    static final int MAX_CLUSTER_NAME_CHARS = 64;
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,128}");
    private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@+-]{0,511}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private JobScripts() {}

    static void validate(JobRequest request) {
        if (request == null) {
            throw ApiException.badRequest("body", "The body must be a JSON job request; see /q/openapi");
        }
        if (request.name() == null || !NAME.matcher(request.name()).matches()) {
            throw ApiException.badRequest("name", "'name' is required: 1 to 128 characters, no control characters");
        }
        Regions.check("region", request.region());
        boolean hasScript = request.script() != null && !request.script().isBlank();
        boolean hasCommand = request.command() != null && !request.command().isBlank();
        boolean hasTemplate = request.template() != null && !request.template().isBlank();
        if ((hasScript ? 1 : 0) + (hasCommand ? 1 : 0) + (hasTemplate ? 1 : 0) != 1) {
            throw ApiException.badRequest("script", "Give exactly one of 'script', 'command' or 'template'");
        }
        if (!hasTemplate && request.parameters() != null) {
            throw ApiException.badRequest("parameters", "'parameters' go with 'template'");
        }
        if (hasTemplate && (request.image() != null || request.env() != null)) {
            throw ApiException.badRequest(request.image() != null ? "image" : "env", "A template job takes its image "
                    + "and environment from the template; pass values as 'parameters'");
        }
        if (hasScript && (!request.script().startsWith("#!") || request.script().length() > MAX_SCRIPT_BYTES)) {
            throw ApiException.badRequest("script", "'script' must start with #! (e.g. #!/bin/bash) and be at most "
                    + MAX_SCRIPT_BYTES + " bytes");
        }
        if (hasScript && request.image() != null) {
            throw ApiException.badRequest("image", "'image' goes with 'command'; a script runs its own containers");
        }
        if (hasCommand && (request.command().indexOf('\0') >= 0 || request.command().length() > MAX_COMMAND_CHARS)) {
            throw ApiException.badRequest("command", "'command' must be at most " + MAX_COMMAND_CHARS
                    + " characters, without NUL bytes; put longer programs in a script or an uploaded file");
        }
        if (request.cluster() != null && request.cluster().length() > MAX_CLUSTER_NAME_CHARS) {
            throw ApiException.badRequest("cluster", "'cluster' names one of the gateway's clusters (at most "
                    + MAX_CLUSTER_NAME_CHARS + " characters)");
        }
        if (request.image() != null && !IMAGE.matcher(request.image()).matches()) {
            throw ApiException.badRequest("image", "'image' must be an image reference such as docker://python:3.12 "
                    + "or ghcr.io/org/app@sha256:...");
        }
        if (request.partition() != null && !PARTITION.matcher(request.partition()).matches()) {
            throw ApiException.badRequest("partition", "'partition' must be letters, digits, '.', '_' or '-'");
        }
        if (request.env() != null) {
            if (request.env().size() > MAX_ENV_VARIABLES) {
                throw ApiException.badRequest("env", "'env' may hold at most " + MAX_ENV_VARIABLES + " variables");
            }
            request.env().forEach((name, value) -> {
                if (value != null && value.length() > MAX_ENV_VALUE_CHARS) {
                    throw ApiException.badRequest("env", "The value of '" + Echo.of(name) + "' is longer than "
                            + MAX_ENV_VALUE_CHARS + " characters");
                }
                if (!ENV_NAME.matcher(name).matches() || value == null || value.indexOf('\0') >= 0) {
                    throw ApiException.badRequest("env", "'" + Echo.of(name) + "' is not a valid environment variable "
                            + "(letters, digits, underscore; a value without NUL bytes)");
                }
            });
        }
        JobRequest.Resources r = request.resources();
        if (r != null) {
            within(r.nodes(), 1, 128, "resources.nodes");
            within(r.ntasksPerNode(), 1, 256, "resources.ntasksPerNode");
            within(r.cpusPerTask(), 1, 256, "resources.cpusPerTask");
            within(r.memoryMbPerNode(), 1, 2 * 1024 * 1024, "resources.memoryMbPerNode");
            within(r.timeLimitMinutes(), 1, 7 * 24 * 60, "resources.timeLimitMinutes");
            if (!hasTemplate && (r.cpusPerNode() != null || r.gpusPerNode() != null)) {
                throw ApiException.badRequest("resources.cpusPerNode", "'cpusPerNode' and 'gpusPerNode' apply to "
                        + "template jobs; use ntasksPerNode and cpusPerTask");
            }
        }
    }

    /** The script to submit: the user's own, or one rendered from the command. */
    static String render(JobRequest request, List<String> containerRuntimes) {
        if (request.script() != null && !request.script().isBlank()) {
            return request.script();
        }
        JobRequest.Resources r = request.resources() == null
                ? new JobRequest.Resources(null, null, null, null, null) : request.resources();
        StringBuilder script = new StringBuilder("#!/bin/bash\n");
        directive(script, "--nodes", r.nodes());
        directive(script, "--ntasks-per-node", r.ntasksPerNode());
        directive(script, "--cpus-per-task", r.cpusPerTask());
        if (r.memoryMbPerNode() != null) {
            script.append("#SBATCH --mem=").append(r.memoryMbPerNode()).append("M\n");
        }
        // Several tasks are started through srun; a single task runs directly, also where no srun exists.
        boolean parallel = (r.nodes() != null && r.nodes() > 1) || (r.ntasksPerNode() != null && r.ntasksPerNode() > 1);
        String launcher = parallel ? "srun " : "";
        if (request.image() != null) {
            script.append(ShellLines.runtimeLookup(containerRuntimes));
            // The job folder is bound at its own path, so the command finds its inputs where they were uploaded.
            script.append(launcher).append("\"$runtime\" exec --bind \"$PWD\" ")
                    .append(quote(ShellLines.imageUri(request.image()))).append(" /bin/sh -c ")
                    .append(quote(request.command())).append('\n');
        } else {
            script.append(launcher).append("/bin/sh -c ").append(quote(request.command())).append('\n');
        }
        return script.toString();
    }

    /** SLURM's --time in minutes, passed as a submission field (it overrides script directives). */
    static String timeLimit(JobRequest request) {
        return request.resources() == null || request.resources().timeLimitMinutes() == null ? null
                : Integer.toString(request.resources().timeLimitMinutes());
    }

    private static void directive(StringBuilder script, String option, Integer value) {
        if (value != null) {
            script.append("#SBATCH ").append(option).append('=').append(value).append('\n');
        }
    }

    private static void within(Integer value, int min, int max, String field) {
        if (value != null && (value < min || value > max)) {
            throw ApiException.badRequest(field, "'" + field + "' must be between " + min + " and " + max);
        }
    }

    static Map<String, String> env(JobRequest request) {
        return request.env() == null ? Map.of() : Map.copyOf(request.env());
    }
}
