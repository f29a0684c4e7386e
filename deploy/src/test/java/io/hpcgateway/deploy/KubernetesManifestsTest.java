package io.hpcgateway.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s read with fabric8's typed model of the Kubernetes API (no cluster runs here): every
 * object is a kind the API has, with no field the API does not know; the pools' pods meet Pod
 * Security "restricted"; the gateway's Role allows what it does to the pools and no more; the
 * network policy holds the pools' pods.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Commands.TOP.resolve("deploy/k8s");
    /** What KubernetesPools does in the pools' namespace. */
    private static final Map<String, Set<String>> POOL_VERBS = Map.of(
            "apps/deployments", Set.of("get", "list", "create", "update", "delete"),
            "/secrets", Set.of("get", "create", "update", "delete"),
            "keda.sh/scaledobjects", Set.of("get", "create", "update", "delete"));
    /** The ScaledObject fields KEDA documents (keda.sh/docs/2.x/reference/scaledobject-spec). */
    private static final Set<String> SCALED_OBJECT_SPEC = Set.of("scaleTargetRef", "pollingInterval", "cooldownPeriod",
            "initialCooldownPeriod", "idleReplicaCount", "minReplicaCount", "maxReplicaCount", "fallback", "advanced",
            "triggers");

    @Test
    void everyObjectIsAKindOfTheApiWithOnlyFieldsItKnows() throws Exception {
        List<String> files = kustomized();
        try (Stream<Path> all = Files.list(K8S)) {
            assertEquals(all.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                            .filter(n -> !n.equals("kustomization.yaml") && !n.equals("task-pool-example.yaml"))
                            .collect(Collectors.toSet()), Set.copyOf(files),
                    "kustomization.yaml applies every manifest but the example");
        }
        for (String file : files) {
            for (HasMetadata object : objects(file)) {
                assertFalse(object instanceof GenericKubernetesResource, file + ": " + object.getKind() + " is no kind "
                        + "of the API");
                assertEquals(List.of(), unknownFields(object, object.getKind()), file);
            }
        }
        for (HasMetadata object : objects("task-pool-example.yaml")) {
            if (object instanceof GenericKubernetesResource scaler) {
                assertEquals("keda.sh/v1alpha1", scaler.getApiVersion());
                Map<String, Object> spec = scaler.get("spec");
                assertTrue(SCALED_OBJECT_SPEC.containsAll(spec.keySet()), spec.keySet().toString());
            } else {
                assertEquals(List.of(), unknownFields(object, object.getKind()), "task-pool-example.yaml");
            }
        }
    }

    @Test
    void thePoolsPodsMeetPodSecurityRestricted() throws Exception {
        PodSpec pod = example(Deployment.class).getSpec().getTemplate().getSpec();
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        assertFalse(pod.getHostNetwork() != null && pod.getHostNetwork());
        List<Container> containers = new ArrayList<>(pod.getContainers());
        containers.addAll(pod.getInitContainers());
        for (Container container : containers) {
            assertEquals(false, container.getSecurityContext().getAllowPrivilegeEscalation(), container.getName());
            assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop(), container.getName());
            assertNull(container.getSecurityContext().getPrivileged(), container.getName());
            assertTrue(container.getPorts() == null || container.getPorts().stream().allMatch(p -> p.getHostPort() == null));
        }
        for (Volume volume : pod.getVolumes()) {
            assertTrue(volume.getEmptyDir() != null || volume.getSecret() != null || volume.getConfigMap() != null,
                    volume.getName() + " is a volume type restricted pods may use");
        }
        Map<String, String> namespaceLabels = objects("namespaces.yaml").stream()
                .filter(n -> n.getMetadata().getName().equals("hpc-tasks")).findFirst().orElseThrow()
                .getMetadata().getLabels();
        assertEquals("restricted", namespaceLabels.get("pod-security.kubernetes.io/enforce"));
    }

    @Test
    void theGatewayMayDoWhatItDoesToThePoolsAndNoMore() throws Exception {
        Role role = (Role) objects("task-pools-rbac.yaml").stream().filter(Role.class::isInstance).findFirst().orElseThrow();
        RoleBinding binding = (RoleBinding) objects("task-pools-rbac.yaml").stream().filter(RoleBinding.class::isInstance)
                .findFirst().orElseThrow();
        String namespace = example(Deployment.class).getMetadata().getNamespace();
        assertEquals(namespace, role.getMetadata().getNamespace());
        Map<String, Set<String>> granted = new java.util.HashMap<>();
        for (PolicyRule rule : role.getRules()) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    granted.computeIfAbsent(group + "/" + resource, k -> new java.util.HashSet<>()).addAll(rule.getVerbs());
                }
            }
        }
        assertEquals(POOL_VERBS, granted);
        Deployment gateway = (Deployment) objects("gateway.yaml").stream().filter(Deployment.class::isInstance)
                .findFirst().orElseThrow();
        assertEquals(gateway.getSpec().getTemplate().getSpec().getServiceAccountName(),
                binding.getSubjects().get(0).getName());
        assertEquals(gateway.getMetadata().getNamespace(), binding.getSubjects().get(0).getNamespace());
        Map<String, String> env = gateway.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValue() != null).collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
        assertEquals("true", env.get("GATEWAY_TASKS_KUBERNETES_ENABLED"));
        assertEquals(namespace, env.get("GATEWAY_TASKS_KUBERNETES_NAMESPACE"));
    }

    @Test
    void theNetworkPolicyHoldsThePoolsPods() throws Exception {
        NetworkPolicy policy = (NetworkPolicy) objects("task-pools-network-policy.yaml").get(0);
        Map<String, String> podLabels = example(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(policy.getSpec().getPodSelector().getMatchLabels().entrySet()));
        assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
        assertEquals(List.of(), policy.getSpec().getIngress(), "nothing reaches a pool's pod");
        Map<String, String> gatewayLabels = ((Deployment) objects("gateway.yaml").stream()
                .filter(Deployment.class::isInstance).findFirst().orElseThrow()).getSpec().getTemplate().getMetadata()
                .getLabels();
        assertTrue(gatewayLabels.entrySet().containsAll(policy.getSpec().getEgress().get(0).getTo().get(0)
                .getPodSelector().getMatchLabels().entrySet()), "the pods may reach the gateway");
    }

    private static List<String> kustomized() throws IOException {
        Map<String, Object> kustomization = Serialization.unmarshal(Files.readString(K8S.resolve("kustomization.yaml")),
                Map.class);
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) kustomization.get("resources");
        return resources;
    }

    private static <T> T example(Class<T> kind) throws IOException {
        return kind.cast(objects("task-pool-example.yaml").stream().filter(kind::isInstance).findFirst().orElseThrow());
    }

    private static List<HasMetadata> objects(String file) throws IOException {
        try (InputStream in = Files.newInputStream(K8S.resolve(file))) {
            Object parsed = Serialization.unmarshal(in);
            if (parsed instanceof KubernetesList list) {
                return list.getItems();
            }
            if (parsed instanceof List<?> items) {
                return items.stream().map(HasMetadata.class::cast).toList();
            }
            return List.of(assertInstanceOf(HasMetadata.class, parsed));
        }
    }

    /**
     * The fields fabric8 kept aside because its model of the API has no such field (a typo, or a
     * field of another version), anywhere in the object.
     */
    private static List<String> unknownFields(Object node, String path) throws Exception {
        List<String> unknown = new ArrayList<>();
        if (node == null || !node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return unknown;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (!getter.getName().startsWith("get") || getter.getParameterCount() != 0
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = getter.invoke(node);
            String field = path + "." + getter.getName().substring(3);
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(key -> unknown.add(path + "." + key));
            } else if (value instanceof Collection<?> items) {
                for (Object item : items) {
                    unknown.addAll(unknownFields(item, field));
                }
            } else if (value instanceof Map<?, ?> map) {
                for (Object item : map.values()) {
                    unknown.addAll(unknownFields(item, field));
                }
            } else {
                unknown.addAll(unknownFields(value, field));
            }
        }
        return unknown;
    }
}
