package io.hpcgateway.gateway.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every rule of seed 000, each with a manifest that breaks it and the field and words it is refused with. */
class TemplateValidatorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final TemplateValidator validator = new TemplateValidator(List.of("docker.io", "ghcr.io", "quay.io", "nvcr.io"),
            List.of("/scratch", "/data"));

    @Test
    void seedExampleAndBuiltInsAreValid() throws Exception {
        assertEquals(List.of(), validator.check(manifest(base())));
        for (String id : TemplateCatalog.BUILT_INS) {
            try (InputStream in = getClass().getResourceAsStream("/templates/" + id + ".json")) {
                assertEquals(List.of(), validator.check(JSON.readValue(in, TemplateManifest.class)), id);
            }
        }
    }

    @Test
    void resourceCeilingsAndOrder() throws Exception {
        refused(m -> res(m).put("max_nodes", 200), "resources.max_nodes", "max_nodes exceeds cluster limit (200 > 128)");
        refused(m -> res(m).put("max_cpus_per_node", 300), "resources.max_cpus_per_node", "(300 > 256)");
        refused(m -> res(m).put("max_memory_mb_per_node", 3_000_000), "resources.max_memory_mb_per_node",
                "(3000000 > 2097152)");
        refused(m -> res(m).put("min_gpus_per_node", 1).put("default_gpus_per_node", 1).put("max_gpus_per_node", 9),
                "resources.max_gpus_per_node", "(9 > 8)");
        refused(m -> res(m).put("max_runtime_minutes", 20_000), "resources.max_runtime_minutes", "(20000 > 10080)");
        refused(m -> res(m).put("max_storage_gb", 20_000), "resources.max_storage_gb", "(20000 > 10240)");
        refused(m -> res(m).put("default_nodes", 100), "resources.nodes", "min_nodes <= default_nodes <= max_nodes");
        refused(m -> res(m).remove("max_cpus_per_node"), "resources.cpus_per_node", "unlimited resource requests");
        refused(m -> m.remove("resources"), "resources", "unlimited resource requests are refused");
    }

    @Test
    void imagesComeFromApprovedRegistriesWithAVersionAndADigest() throws Exception {
        refused(m -> rt(m).put("container_image", "evil.example.com/x/sim:v1"), "runtime.container_image",
                "container registry not allowed");
        refused(m -> rt(m).put("container_image", "quay.io/x/sim:v1"), "runtime.container_image",
                "container registry not allowed"); // approved, but not in the template's own list
        refused(m -> rt(m).put("container_image", "ghcr.io/myorg/simulation:latest"), "runtime.container_image",
                ":latest tag");
        refused(m -> rt(m).put("container_image", "ghcr.io/myorg/simulation"), "runtime.container_image",
                ":latest tag (or no tag)");
        refused(m -> rt(m).remove("image_digest"), "runtime.image_digest", "image_digest is required");
        refused(m -> rt(m).put("image_digest", "sha256:abc123"), "runtime.image_digest", "sha256:<64 hex digits>");
        refused(m -> rt(m).put("runtime_type", "docker"), "runtime.runtime_type", "must be one of");
    }

    @Test
    void securityRules() throws Exception {
        refused(m -> sec(m).remove("sandbox_level"), "security.sandbox_level", "sandbox_level must be specified");
        refused(m -> sec(m).put("sandbox_level", "loose"), "security.sandbox_level", "none, basic or strict");
        refused(m -> sec(m).withArray("allowed_host_paths").add("/etc"), "security.allowed_host_paths",
                "arbitrary host path mounts are refused: '/etc'");
        refused(m -> sec(m).withArray("allowed_host_paths").add("/scratch/../etc"), "security.allowed_host_paths",
                "arbitrary host path mounts");
        refused(m -> sec(m).put("allow_host_mounts", false), "security.allowed_host_paths", "allow_host_mounts is not true");
        refused(m -> sec(m).put("allow_network_access", false), "security.allow_network_access",
                "network access is required by the resources but not enabled");
        refused(m -> sec(m).remove("allow_network_access"), "security.allow_network_access", "must be explicit");
    }

    @Test
    void identityVersionTypeEnvironmentAndParameters() throws Exception {
        refused(m -> m.put("version", "1.0"), "version", "semantic");
        refused(m -> m.put("version", "v1.0.0"), "version", "semantic");
        refused(m -> m.put("type", "quantum"), "type", "type must be one of");
        refused(m -> m.put("template_id", "My Template"), "template_id", "lower-case");
        refused(m -> env(m).addObject().put("name", "X").put("value_template", "$(rm -rf ~)"), "environment.X",
                "value_template may use only");
        refused(m -> env(m).addObject().put("name", "Y").put("value", "1").put("value_template", "2"), "environment.Y",
                "exactly one of value or value_template");
        refused(m -> params(m).addObject().put("name", "mode").put("type", "enum"), "parameter_schema.mode",
                "needs enum_values");
        refused(m -> params(m).addObject().put("name", "n").put("type", "integer").put("default", "ten"),
                "parameter_schema.n", "default");
        refused(m -> params(m).addObject().put("name", "input_file").put("type", "string"), "parameter_schema",
                "unique name");
        refused(m -> params(m).addObject().put("name", "x").put("type", "date"), "parameter_schema.x",
                "type must be one of");
        refused(m -> ((ObjectNode) m.get("entrypoint")).put("use_srun", true), "entrypoint", "exclude each other");
    }

    private void refused(Consumer<ObjectNode> change, String field, String words) throws Exception {
        ObjectNode manifest = base();
        change.accept(manifest);
        List<TemplateValidator.Violation> violations = validator.check(manifest(manifest));
        assertTrue(violations.stream().anyMatch(v -> v.field().equals(field) && v.message().contains(words)),
                "expected " + field + " / '" + words + "' in " + violations);
    }

    static ObjectNode base() throws Exception {
        try (InputStream in = TemplateValidatorTest.class.getResourceAsStream("/templates/my-simulation.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    static TemplateManifest manifest(ObjectNode tree) throws Exception {
        return JSON.treeToValue(tree, TemplateManifest.class);
    }

    private static ObjectNode res(ObjectNode m) {
        return (ObjectNode) m.get("resources");
    }

    private static ObjectNode rt(ObjectNode m) {
        return (ObjectNode) m.get("runtime");
    }

    private static ObjectNode sec(ObjectNode m) {
        return (ObjectNode) m.get("security");
    }

    private static ArrayNode env(ObjectNode m) {
        return m.withArray("environment");
    }

    private static ArrayNode params(ObjectNode m) {
        return m.withArray("parameter_schema");
    }
}
