package io.hpcgateway.gateway.task;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects of one task pool (seed 003's worker as a pod): a Secret with its
 * enrolment token; a Deployment whose pods run the image as a native sidecar (an init container
 * that restarts always, so that it outlives the task client when the pod stops) and the task
 * client as the main container, both as the user's cluster account ids; and a KEDA ScaledObject
 * that scales the Deployment between zero and the per-user cap on the pool's
 * {@code hpc_task_outstanding_seconds}, one pod per {@code target-drain} of work, as the pilots are.
 * On scale-down a pod gets SIGTERM: the client finishes its running task, reports, gives back the
 * rest and exits; only then is the image stopped.
 */
@ApplicationScoped
public class PoolManifests {

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String MANAGER = "hpc-gateway";
    static final String POOL_LABEL = "hpc-gateway.io/task-pool";
    static final String TOKEN_KEY = "enrolment-token";
    /** Where the image listens and the client takes its reports, on the pod's shared loopback. */
    static final int IMAGE_PORT = 8601;
    static final int CLIENT_PORT = 8602;
    /** What a drain leaves the client after the running task for its last report and leaving. */
    private static final long REPORT_SECONDS = 5;
    static final ResourceDefinitionContext SCALED_OBJECTS = new ResourceDefinitionContext.Builder()
            .withGroup("keda.sh").withVersion("v1alpha1").withKind("ScaledObject").withPlural("scaledobjects")
            .withNamespaced(true).build();

    /** What is applied for a pool, in order: the Secret the pods read, the Deployment, its scaler. */
    record PoolObjects(Secret secret, Deployment deployment, GenericKubernetesResource scaledObject) {}

    private final TaskConfig config;

    PoolManifests(TaskConfig config) {
        this.config = config;
    }

    static String name(String pool) {
        return "hpcgw-tasks-" + pool;
    }

    PoolObjects of(TaskPool pool, String imageReference, String enrolmentToken) {
        return new PoolObjects(secret(pool, enrolmentToken), deployment(pool, imageReference), scaledObject(pool));
    }

    private Secret secret(TaskPool pool, String enrolmentToken) {
        return new SecretBuilder().withMetadata(metadata(pool)).withType("Opaque")
                .withStringData(Map.of(TOKEN_KEY, enrolmentToken)).build();
    }

    private Deployment deployment(TaskPool pool, String imageReference) {
        TaskConfig.Kubernetes kubernetes = config.kubernetes();
        long grace = Math.max(REPORT_SECONDS + 1, kubernetes.drainGrace().toSeconds());
        return new DeploymentBuilder().withMetadata(metadata(pool))
                .withNewSpec()
                    .withReplicas(1) // created because work waits; KEDA sets the count from here on
                    .withRevisionHistoryLimit(1)
                    .withNewSelector().addToMatchLabels(POOL_LABEL, pool.id).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels(pool)).withAnnotations(annotations(pool)).endMetadata()
                        .withNewSpec()
                            .withAutomountServiceAccountToken(false)
                            .withEnableServiceLinks(false)
                            .withTerminationGracePeriodSeconds(grace)
                            .withNewSecurityContext()
                                .withRunAsUser(pool.uid).withRunAsGroup(pool.gid).withSupplementalGroups(pool.groups)
                                .withRunAsNonRoot(true).withNewSeccompProfile().withType("RuntimeDefault")
                                .endSeccompProfile()
                            .endSecurityContext()
                            .withInitContainers(image(imageReference))
                            .withContainers(client(pool, imageReference, grace - REPORT_SECONDS))
                            .addNewVolume().withName("tmp").withNewEmptyDir().withMedium("Memory")
                                .withSizeLimit(new Quantity("16Mi")).endEmptyDir().endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec().build();
    }

    private Container image(String reference) {
        TaskConfig.Kubernetes kubernetes = config.kubernetes();
        Map<String, Quantity> resources = ordered("cpu", new Quantity(kubernetes.cpu()),
                "memory", new Quantity(kubernetes.memory()));
        return new ContainerBuilder().withName("image").withImage(reference)
                .withRestartPolicy("Always")
                .withEnv(env("HPCGW_TASK_PORT", Integer.toString(IMAGE_PORT)),
                        env("HPCGW_TASK_CLIENT", "http://127.0.0.1:" + CLIENT_PORT + "/complete"))
                .withNewResources().withRequests(resources).withLimits(resources).endResources()
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withNewCapabilities().withDrop("ALL")
                .endCapabilities().endSecurityContext()
                .build();
    }

    private Container client(TaskPool pool, String imageReference, long drainSeconds) {
        return new ContainerBuilder().withName("task-client").withImage(config.kubernetes().workerImage())
                .withArgs("--env")
                .withEnv(env("HPCGW_GATEWAY", config.kubernetes().gatewayUrl()),
                        env("HPCGW_IMAGE", imageReference),
                        env("HPCGW_IMAGE_URL", "http://127.0.0.1:" + IMAGE_PORT + "/"),
                        env("HPCGW_CLIENT_PORT", Integer.toString(CLIENT_PORT)),
                        env("HPCGW_PREFETCH", Integer.toString(config.prefetch())),
                        env("HPCGW_DRAIN_SECONDS", Long.toString(drainSeconds)),
                        new EnvVarBuilder().withName("HPCGW_ENROLMENT_TOKEN").withNewValueFrom().withNewSecretKeyRef()
                                .withName(name(pool.id)).withKey(TOKEN_KEY).endSecretKeyRef().endValueFrom().build())
                // The client's heap is 128 MB (task-worker/Containerfile): what is left of the pod is the image's.
                .withNewResources().withRequests(ordered("cpu", new Quantity("100m"), "memory", new Quantity("192Mi")))
                .withLimits(Map.of("memory", new Quantity("256Mi"))).endResources()
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .build();
    }

    private GenericKubernetesResource scaledObject(TaskPool pool) {
        long idle = Math.max(1, config.idleTimeout().toSeconds());
        Map<String, Object> trigger = ordered("type", "prometheus", "metadata", ordered(
                "serverAddress", config.kubernetes().prometheusUrl(),
                // Every gateway instance exports the same measurement of the shared queue: max, not sum, over them.
                "query", "max(hpc_task_outstanding_seconds{pool=\"" + pool.id + "\"})",
                "threshold", Long.toString(Math.max(1, config.targetDrain().toSeconds())),
                "activationThreshold", "0"));
        return new GenericKubernetesResourceBuilder().withApiVersion("keda.sh/v1alpha1").withKind("ScaledObject")
                .withMetadata(metadata(pool))
                .addToAdditionalProperties("spec", ordered(
                        "scaleTargetRef", ordered("name", name(pool.id)),
                        "pollingInterval", Math.max(1, config.scaleInterval().toSeconds()),
                        "cooldownPeriod", idle,
                        "minReplicaCount", 0,
                        "maxReplicaCount", config.maxWorkersPerUser(),
                        "advanced", ordered("horizontalPodAutoscalerConfig", ordered("behavior", ordered(
                                "scaleDown", ordered("stabilizationWindowSeconds", idle)))),
                        "triggers", List.of(trigger)))
                .build();
    }

    private ObjectMeta metadata(TaskPool pool) {
        return new ObjectMetaBuilder().withName(name(pool.id)).withNamespace(config.kubernetes().namespace())
                .withLabels(labels(pool)).withAnnotations(annotations(pool)).build();
    }

    private static Map<String, String> labels(TaskPool pool) {
        return ordered(MANAGED_BY, MANAGER, "app.kubernetes.io/name", "hpc-task-pool", POOL_LABEL, pool.id);
    }

    /** What an operator reads on the objects: the image name, the cluster account and the generation. */
    private static Map<String, String> annotations(TaskPool pool) {
        return ordered("hpc-gateway.io/image", pool.image, "hpc-gateway.io/cluster", pool.cluster,
                "hpc-gateway.io/cluster-user", pool.clusterUser, "hpc-gateway.io/generation",
                Long.toString(pool.generation));
    }

    /** A map in the order given, so that the objects read (and compare) the same each time. */
    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }

    private static EnvVar env(String name, String value) {
        return new EnvVar(name, value, null);
    }
}
