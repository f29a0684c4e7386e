package io.hpcgateway.gateway.template;

import io.hpcgateway.gateway.platform.ApiException;
import io.hpcgateway.gateway.platform.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every rule of seed 000's "Template Validation Requirements", each failure naming the field and
 * the rule in the seed's words ("max_nodes exceeds cluster limit (200 > 128)").
 */
@ApplicationScoped
public class TemplateValidator {

    /** One broken rule. */
    public record Violation(String field, String message) {}

    static final int MAX_NODES = 128;
    static final int MAX_CPUS_PER_NODE = 256;
    static final long MAX_MEMORY_MB_PER_NODE = 2L * 1024 * 1024; // 2 TB
    static final int MAX_GPUS_PER_NODE = 8;
    static final int MAX_RUNTIME_MINUTES = 7 * 24 * 60;
    static final long MAX_STORAGE_GB = 10L * 1024; // 10 TB
    static final Set<String> TYPES = Set.of("mpi", "gpu", "batch", "data_processing", "interactive", "custom");
    static final Set<String> RUNTIMES = Set.of("native", "singularity", "apptainer");
    static final Set<String> SANDBOX_LEVELS = Set.of("none", "basic", "strict");
    static final Set<String> PARAMETER_TYPES = Set.of("string", "integer", "number", "boolean", "enum", "path");

    private static final Pattern TEMPLATE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern VALUE_TEMPLATE = Pattern.compile("([A-Za-z0-9_./:=,+-]|\\$(USER|HOME|SLURM_JOB_ID|SLURM_SUBMIT_DIR)\\b|\\$\\{(USER|HOME|SLURM_JOB_ID|SLURM_SUBMIT_DIR)})*");
    private static final Pattern MODULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/+-]{0,127}");

    private final List<String> approvedRegistries;
    private final List<String> allowedHostRoots;

    @Inject
    TemplateValidator(GatewayConfig config) {
        this(config.templates().approvedRegistries(), config.templates().allowedHostPaths());
    }

    TemplateValidator(List<String> approvedRegistries, List<String> allowedHostRoots) {
        this.approvedRegistries = List.copyOf(approvedRegistries);
        this.allowedHostRoots = List.copyOf(allowedHostRoots);
    }

    /** Refuses the manifest with 422 and every violation, or returns. */
    public void require(TemplateManifest manifest) {
        List<Violation> violations = check(manifest);
        if (!violations.isEmpty()) {
            Violation first = violations.get(0);
            throw new ApiException(422, "template_invalid", "template validation failed: " + first.message()
                    + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more in details.violations)" : ""),
                    Map.of("field", first.field(), "violations", violations));
        }
    }

    public List<Violation> check(TemplateManifest m) {
        List<Violation> out = new ArrayList<>();
        if (m.templateId() == null || !TEMPLATE_ID.matcher(m.templateId()).matches()) {
            out.add(new Violation("template_id", "template_id must be 2-63 lower-case letters, digits or '-'"));
        }
        if (m.name() == null || m.name().isBlank()) {
            out.add(new Violation("name", "name is required"));
        }
        if (m.version() == null || !SEMVER.matcher(m.version()).matches()) {
            out.add(new Violation("version", "version must be semantic (MAJOR.MINOR.PATCH), not '" + m.version() + "'"));
        }
        if (m.type() == null || !TYPES.contains(m.type())) {
            out.add(new Violation("type", "type must be one of " + new java.util.TreeSet<>(TYPES)));
        }
        runtime(m, out);
        resources(m.resources(), out);
        security(m, out);
        entrypoint(m.entrypoint(), out);
        environment(m.environment(), out);
        parameters(m.parameterSchema(), out);
        return out;
    }

    private void runtime(TemplateManifest m, List<Violation> out) {
        TemplateManifest.Runtime runtime = m.runtime();
        if (runtime == null || runtime.runtimeType() == null || !RUNTIMES.contains(runtime.runtimeType())) {
            out.add(new Violation("runtime.runtime_type", "runtime.runtime_type must be one of " + RUNTIMES));
            return;
        }
        if (runtime.requiredModules() != null) {
            for (String module : runtime.requiredModules()) {
                if (module == null || !MODULE.matcher(module).matches()) {
                    out.add(new Violation("runtime.required_modules", "module '" + module + "' is not a module name"));
                }
            }
        }
        if (runtime.runtimeType().equals("native")) {
            if (runtime.containerImage() != null) {
                out.add(new Violation("runtime.container_image", "a native runtime has no container image"));
            }
            return;
        }
        String image = runtime.containerImage();
        if (image == null || image.isBlank()) {
            out.add(new Violation("runtime.container_image", "a container runtime needs container_image"));
            return;
        }
        String registry = ImageReferences.registry(image);
        List<String> allowed = m.security() == null || m.security().allowedRegistries() == null ? List.of()
                : m.security().allowedRegistries();
        if (!approvedRegistries.contains(registry) || !allowed.contains(registry)) {
            out.add(new Violation("runtime.container_image", "container registry not allowed: '" + registry
                    + "' (approved: " + approvedRegistries + ", and it must be in security.allowed_registries)"));
        }
        String tag = ImageReferences.tag(image);
        if (tag == null || tag.equals("latest")) {
            out.add(new Violation("runtime.container_image", "images with the :latest tag (or no tag) are refused: "
                    + "use a specific version"));
        }
        boolean digestRequired = m.security() != null && Boolean.TRUE.equals(m.security().requireImageDigest());
        boolean pinned = runtime.imageDigest() != null && ImageReferences.DIGEST.matcher(runtime.imageDigest()).matches();
        if (runtime.imageDigest() == null ? digestRequired : !pinned) {
            out.add(new Violation("runtime.image_digest", "image_digest is required (security.require_image_digest) "
                    + "and must be sha256:<64 hex digits>"));
        }
    }

    private static void resources(TemplateManifest.Resources r, List<Violation> out) {
        if (r == null) {
            out.add(new Violation("resources", "resources are required: unlimited resource requests are refused"));
            return;
        }
        range(out, "nodes", r.minNodes(), r.defaultNodes(), r.maxNodes(), MAX_NODES, true);
        range(out, "cpus_per_node", r.minCpusPerNode(), r.defaultCpusPerNode(), r.maxCpusPerNode(), MAX_CPUS_PER_NODE, true);
        range(out, "memory_mb_per_node", r.minMemoryMbPerNode(), r.defaultMemoryMbPerNode(), r.maxMemoryMbPerNode(),
                MAX_MEMORY_MB_PER_NODE, true);
        range(out, "gpus_per_node", r.minGpusPerNode(), r.defaultGpusPerNode(), r.maxGpusPerNode(), MAX_GPUS_PER_NODE,
                false);
        range(out, "runtime_minutes", r.minRuntimeMinutes(), r.defaultRuntimeMinutes(), r.maxRuntimeMinutes(),
                MAX_RUNTIME_MINUTES, true);
        if (r.maxStorageGb() != null && (r.maxStorageGb() < 1 || r.maxStorageGb() > MAX_STORAGE_GB)) {
            out.add(new Violation("resources.max_storage_gb", "max_storage_gb exceeds cluster limit ("
                    + r.maxStorageGb() + " > " + MAX_STORAGE_GB + ")"));
        }
    }

    /** min <= default <= max <= ceiling; all three required where the resource is. */
    private static void range(List<Violation> out, String what, Number min, Number def, Number max, long ceiling,
                              boolean required) {
        if (min == null && def == null && max == null && !required) {
            return;
        }
        if (min == null || def == null || max == null) {
            out.add(new Violation("resources." + what, "min_" + what + ", default_" + what + " and max_" + what
                    + " are all required: unlimited resource requests are refused"));
            return;
        }
        if (max.longValue() > ceiling) {
            out.add(new Violation("resources.max_" + what, "max_" + what + " exceeds cluster limit (" + max + " > "
                    + ceiling + ")"));
        }
        if (min.longValue() < (required ? 1 : 0) || min.longValue() > def.longValue()
                || def.longValue() > max.longValue()) {
            out.add(new Violation("resources." + what, "min_" + what + " <= default_" + what + " <= max_" + what
                    + " does not hold (" + min + ", " + def + ", " + max + ")"));
        }
    }

    private void security(TemplateManifest m, List<Violation> out) {
        TemplateManifest.Security s = m.security();
        if (s == null) {
            out.add(new Violation("security", "security is required"));
            return;
        }
        if (s.sandboxLevel() == null || !SANDBOX_LEVELS.contains(s.sandboxLevel())) {
            out.add(new Violation("security.sandbox_level", "sandbox_level must be specified: none, basic or strict"));
        }
        if (s.allowNetworkAccess() == null) {
            out.add(new Violation("security.allow_network_access", "allow_network_access must be explicit"));
        } else if (m.resources() != null && Boolean.TRUE.equals(m.resources().networkRequired())
                && !s.allowNetworkAccess()) {
            out.add(new Violation("security.allow_network_access", "network access is required by the resources "
                    + "but not enabled: set allow_network_access to true"));
        }
        List<String> paths = s.allowedHostPaths() == null ? List.of() : s.allowedHostPaths();
        if (!Boolean.TRUE.equals(s.allowHostMounts()) && !paths.isEmpty()) {
            out.add(new Violation("security.allowed_host_paths", "host paths are listed but allow_host_mounts is not true"));
        }
        for (String path : paths) {
            if (!allowedHostPath(path)) {
                out.add(new Violation("security.allowed_host_paths", "arbitrary host path mounts are refused: '" + path
                        + "' is not under " + allowedHostRoots));
            }
        }
    }

    private static void entrypoint(TemplateManifest.Entrypoint e, List<Violation> out) {
        if (e == null || e.command() == null || e.command().isBlank() || e.command().indexOf('\0') >= 0) {
            out.add(new Violation("entrypoint.command", "entrypoint.command is required"));
            return;
        }
        if (Boolean.TRUE.equals(e.useMpirun()) && Boolean.TRUE.equals(e.useSrun())) {
            out.add(new Violation("entrypoint", "use_mpirun and use_srun exclude each other"));
        }
        if (e.workingDirectory() != null && !e.workingDirectory().matches("/[A-Za-z0-9_./-]*")) {
            out.add(new Violation("entrypoint.working_directory", "working_directory must be an absolute path"));
        }
    }

    private static void environment(List<TemplateManifest.EnvironmentVariable> environment, List<Violation> out) {
        if (environment == null) {
            return;
        }
        for (TemplateManifest.EnvironmentVariable variable : environment) {
            String field = "environment." + variable.name();
            if (variable.name() == null || !NAME.matcher(variable.name()).matches()) {
                out.add(new Violation("environment", "'" + variable.name() + "' is not a variable name"));
            } else if ((variable.value() == null) == (variable.valueTemplate() == null)) {
                out.add(new Violation(field, "give exactly one of value or value_template"));
            } else if (variable.valueTemplate() != null && !VALUE_TEMPLATE.matcher(variable.valueTemplate()).matches()) {
                out.add(new Violation(field, "value_template may use only $USER, $HOME, $SLURM_JOB_ID and "
                        + "$SLURM_SUBMIT_DIR besides letters, digits and ./:=,+-_"));
            }
        }
    }

    private static void parameters(List<TemplateManifest.Parameter> schema, List<Violation> out) {
        if (schema == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (TemplateManifest.Parameter p : schema) {
            String field = "parameter_schema." + p.name();
            if (p.name() == null || !NAME.matcher(p.name()).matches() || !seen.add(p.name())) {
                out.add(new Violation("parameter_schema", "parameter '" + p.name() + "' needs a unique name of letters, "
                        + "digits and '_'"));
                continue;
            }
            if (p.type() == null || !PARAMETER_TYPES.contains(p.type())) {
                out.add(new Violation(field, "type must be one of " + new java.util.TreeSet<>(PARAMETER_TYPES)));
                continue;
            }
            if (p.type().equals("enum") && (p.enumValues() == null || p.enumValues().isEmpty())) {
                out.add(new Violation(field, "an enum parameter needs enum_values"));
            }
            if (p.defaultValue() != null) {
                try {
                    ParameterValues.check(p, p.defaultValue());
                } catch (ApiException e) {
                    out.add(new Violation(field, "default: " + e.getMessage()));
                }
            }
        }
    }

    private boolean allowedHostPath(String path) {
        if (path == null || !path.startsWith("/") || path.contains("..") || path.contains("//")) {
            return false;
        }
        return allowedHostRoots.stream().anyMatch(root -> path.equals(root) || path.startsWith(root + "/"));
    }
}
