package io.hpcgateway.gateway.template;

import static io.hpcgateway.gateway.job.ShellLines.quote;

import io.hpcgateway.gateway.job.ShellLines;
import io.hpcgateway.gateway.platform.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an approved template, a job's parameters and its resource requests into a batch script
 * (seed 001's mapping). Parameter values reach the script only single-quoted in {@code export}
 * lines, so they are data to the shell; the command itself is the template's, as approved.
 */
final class TemplateRenderer {

    /** Resources a job asks for; null fields take the template's defaults. */
    record Requested(Integer nodes, Integer cpusPerNode, Long memoryMbPerNode, Integer gpusPerNode,
                     Integer runtimeMinutes, String partition) {}

    /** The resources a job gets, within the template's bounds. */
    record Resolved(int nodes, int cpusPerNode, long memoryMbPerNode, int gpusPerNode, int runtimeMinutes,
                    String partition) {}

    /** What the job runs: its script and the resources it was rendered for. */
    record Rendered(String script, Resolved resources, Map<String, String> parameters) {}

    private TemplateRenderer() {}

    static Rendered render(TemplateManifest t, Map<String, String> parameters, Requested requested,
                           List<String> containerRuntimes) {
        Resolved r = resolve(t.resources(), requested == null ? new Requested(null, null, null, null, null, null)
                : requested);
        boolean parallel = Boolean.TRUE.equals(t.entrypoint().useMpirun()) || Boolean.TRUE.equals(t.entrypoint().useSrun());
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# Rendered from template ").append(t.ref()).append('\n');
        s.append("#SBATCH --nodes=").append(r.nodes()).append('\n');
        // seed 001 maps cpus_per_node; SLURM expresses it as tasks x CPUs per task.
        s.append("#SBATCH --ntasks-per-node=").append(parallel ? r.cpusPerNode() : 1).append('\n');
        s.append("#SBATCH --cpus-per-task=").append(parallel ? 1 : r.cpusPerNode()).append('\n');
        s.append("#SBATCH --mem=").append(r.memoryMbPerNode()).append("M\n");
        if (r.gpusPerNode() > 0) {
            s.append("#SBATCH --gpus-per-node=").append(r.gpusPerNode()).append('\n');
        }
        s.append("#SBATCH --time=").append(r.runtimeMinutes()).append('\n');
        if (r.partition() != null) {
            s.append("#SBATCH --partition=").append(r.partition()).append('\n');
        }
        if (t.runtime().requiredModules() != null) {
            for (String module : t.runtime().requiredModules()) {
                s.append("module load ").append(quote(module)).append('\n');
            }
        }
        if (t.environment() != null) {
            for (TemplateManifest.EnvironmentVariable variable : t.environment()) {
                // value_template holds only validated characters and $USER-style references: safe in double quotes.
                s.append("export ").append(variable.name()).append('=').append(variable.value() != null
                        ? quote(variable.value()) : "\"" + variable.valueTemplate() + "\"").append('\n');
            }
        }
        // A parameter reaches the command as $PARAM_<NAME>: it can never replace PATH, HOME or the like.
        parameters.forEach((name, value) -> s.append("export ").append(envName(name)).append('=')
                .append(quote(value)).append('\n'));
        String launcher = Boolean.TRUE.equals(t.entrypoint().useMpirun()) ? "mpirun -np \"$SLURM_NTASKS\" "
                : Boolean.TRUE.equals(t.entrypoint().useSrun()) ? "srun " : "";
        if (t.runtime().runtimeType().equals("native")) {
            s.append(launcher).append("/bin/sh -c ").append(quote(t.entrypoint().command())).append('\n');
        } else {
            container(s, t, launcher, containerRuntimes);
        }
        return new Rendered(s.toString(), r, parameters);
    }

    private static void container(StringBuilder s, TemplateManifest t, String launcher, List<String> runtimes) {
        s.append(ShellLines.runtimeLookup(runtimes));
        StringBuilder options = new StringBuilder(" --bind \"$PWD\"");
        TemplateManifest.Security security = t.security();
        if (Boolean.TRUE.equals(security.allowHostMounts()) && security.allowedHostPaths() != null) {
            for (String path : security.allowedHostPaths()) {
                options.append(" --bind ").append(quote(path));
            }
        }
        if ("strict".equals(security.sandboxLevel())) {
            options.append(" --containall");
        }
        if (!Boolean.TRUE.equals(security.allowNetworkAccess())) {
            options.append(" --net --network none");
        }
        if (t.entrypoint().workingDirectory() != null) {
            options.append(" --pwd ").append(quote(t.entrypoint().workingDirectory()));
        }
        String image = t.runtime().containerImage();
        String reference = ShellLines.imageUri(image)
                + (t.runtime().imageDigest() != null && !image.contains("@") ? "@" + t.runtime().imageDigest() : "");
        s.append(launcher).append("\"$runtime\" exec").append(options).append(' ').append(quote(reference))
                .append(" /bin/sh -c ").append(quote(t.entrypoint().command())).append('\n');
    }

    static Resolved resolve(TemplateManifest.Resources bounds, Requested q) {
        int nodes = within("nodes", q.nodes(), bounds.defaultNodes(), bounds.minNodes(), bounds.maxNodes());
        int cpus = within("cpus_per_node", q.cpusPerNode(), bounds.defaultCpusPerNode(), bounds.minCpusPerNode(),
                bounds.maxCpusPerNode());
        long memory = within("memory_mb_per_node", q.memoryMbPerNode(), bounds.defaultMemoryMbPerNode(),
                bounds.minMemoryMbPerNode(), bounds.maxMemoryMbPerNode());
        int gpus = bounds.maxGpusPerNode() == null ? refuseGpus(q.gpusPerNode())
                : within("gpus_per_node", q.gpusPerNode(), bounds.defaultGpusPerNode(), bounds.minGpusPerNode(),
                bounds.maxGpusPerNode());
        int minutes = within("runtime_minutes", q.runtimeMinutes(), bounds.defaultRuntimeMinutes(),
                bounds.minRuntimeMinutes(), bounds.maxRuntimeMinutes());
        if (q.partition() != null && !q.partition().matches("[A-Za-z0-9._-]{1,64}")) {
            throw ApiException.badRequest("resources.partition", "'partition' must be letters, digits, '.', '_' or '-'");
        }
        return new Resolved(nodes, cpus, memory, gpus, minutes, q.partition());
    }

    private static int refuseGpus(Integer requested) {
        if (requested != null && requested > 0) {
            throw ApiException.badRequest("resources.gpus_per_node", "This template uses no GPUs");
        }
        return 0;
    }

    private static <T extends Number> T within(String what, T requested, T fallback, T min, T max) {
        T value = requested == null ? fallback : requested;
        if (value.longValue() < min.longValue() || value.longValue() > max.longValue()) {
            throw ApiException.badRequest("resources." + what, "'" + what + "' must be between " + min + " and " + max
                    + " for this template");
        }
        return value;
    }

    static String envName(String parameter) {
        return "PARAM_" + parameter.toUpperCase(Locale.ROOT);
    }

}
