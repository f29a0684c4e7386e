package io.hpcgateway.gateway.task;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.hpcgateway.gateway.cluster.Cluster;
import io.hpcgateway.gateway.cluster.ClusterCalls;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.cluster.Firecrest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Seed 003's worker creator on Kubernetes: every autoscaler cycle it makes sure that each user and
 * image with outstanding work has its task pool ({@link PoolManifests}), and removes the pools
 * that have had no work and no workers for {@code retire-after}. The scaling itself is KEDA's, on
 * the metric the gateway exports. One list call per cycle; objects are written only when a pool
 * appears, goes, or needs a fresh enrolment token.
 */
@ApplicationScoped
public class KubernetesPools {

    private static final Logger LOG = Logger.getLogger(KubernetesPools.class);

    private final TaskConfig config;
    private final TaskPools pools;
    private final PoolManifests manifests;
    private final Workers workers;
    private final TaskMapper mapper;
    private final Clusters clusters;
    private final ClusterCalls calls;
    private final KubernetesClient kubernetes;

    KubernetesPools(TaskConfig config, TaskPools pools, PoolManifests manifests, Workers workers, TaskMapper mapper,
                    Clusters clusters, ClusterCalls calls, KubernetesClient kubernetes) {
        this.config = config;
        this.pools = pools;
        this.manifests = manifests;
        this.workers = workers;
        this.mapper = mapper;
        this.clusters = clusters;
        this.calls = calls;
        this.kubernetes = kubernetes;
    }

    void reconcile(List<OutstandingWork.Demand> demands) {
        Instant now = Instant.now();
        Map<String, OutstandingWork.Demand> wanted = new HashMap<>();
        demands.stream().filter(d -> d.queued() + d.leased() > 0)
                .forEach(d -> wanted.put(TaskPool.idOf(d.owner(), d.cluster(), d.image()), d));
        pools.worked(wanted.keySet(), now);
        Set<String> deployed;
        try {
            deployed = kubernetes.apps().deployments().inNamespace(namespace())
                    .withLabel(PoolManifests.MANAGED_BY, PoolManifests.MANAGER).list().getItems().stream()
                    .map(d -> d.getMetadata().getLabels().get(PoolManifests.POOL_LABEL)).collect(Collectors.toSet());
        } catch (KubernetesClientException e) {
            LOG.warnf("Kubernetes did not list the task pools in %s (%s): trying again next cycle", namespace(),
                    e.getMessage());
            return;
        }
        Map<String, TaskPool> active = pools.active().stream().collect(Collectors.toMap(p -> p.id, p -> p));
        wanted.forEach((id, demand) -> {
            TaskPool pool = active.get(id);
            // A pool busy for weeks is made again too: a new generation, so its pods roll over to a fresh token.
            if (pool == null || !deployed.contains(id)
                    || pool.activatedAt.isBefore(now.minus(WorkerTokens.POOL_TOKEN_TTL.dividedBy(2)))) {
                create(demand);
            }
        });
        for (TaskPool pool : active.values()) {
            if (!wanted.containsKey(pool.id) && pool.lastWorkAt.isBefore(now.minus(config.kubernetes().retireAfter()))
                    && workers.countedInPool(pool.id) == 0) {
                retire(pool);
            }
        }
        // Objects of a pool that is no longer active (their removal failed, or raced another gateway's): their
        // token enrols nothing, so their pods would only restart.
        deployed.stream().filter(id -> !active.containsKey(id) && !wanted.containsKey(id)).forEach(this::remove);
    }

    private void create(OutstandingWork.Demand demand) {
        Cluster cluster = clusters.get(demand.cluster());
        if (!cluster.actsForUsersOutsideRequests()) {
            LOG.debugf("Cluster %s does not let the gateway act for users outside their requests: no task pool for "
                    + "%s, whose pods would need their account's ids", demand.cluster(), demand.owner());
            return;
        }
        try {
            Firecrest.UserInfo ids = calls.userInfo(cluster, demand.clusterUser());
            TaskPool pool = pools.activate(demand, Long.parseLong(ids.user().id()), Long.parseLong(ids.group().id()),
                    ids.groups() == null ? List.of()
                            : ids.groups().stream().map(g -> Long.parseLong(g.id())).distinct().toList());
            PoolManifests.PoolObjects objects = manifests.of(pool, mapper.image(pool.image).reference(),
                    pools.enrolmentToken(pool));
            apply(objects.secret());
            apply(objects.deployment());
            kubernetes.genericKubernetesResources(PoolManifests.SCALED_OBJECTS).inNamespace(namespace())
                    .resource(objects.scaledObject()).createOr(NonDeletingOperation::update);
            LOG.infof("Task pool %s for %s's %s tasks: generation %d, pods as uid %d", pool.id, pool.owner, pool.image,
                    pool.generation, pool.uid);
        } catch (KubernetesClientException | NumberFormatException e) {
            LOG.warnf("The task pool for %s's %s tasks was not made (%s): trying again next cycle", demand.owner(),
                    demand.image(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf("The ids of %s's account on %s are not known (%s): no task pool this cycle", demand.owner(),
                    demand.cluster(), e.getMessage());
        }
    }

    private void retire(TaskPool pool) {
        if (pools.retire(pool)) {
            remove(pool.id);
        }
    }

    private void remove(String pool) {
        String name = PoolManifests.name(pool);
        try {
            kubernetes.genericKubernetesResources(PoolManifests.SCALED_OBJECTS).inNamespace(namespace())
                    .withName(name).delete();
            kubernetes.apps().deployments().inNamespace(namespace()).withName(name).delete();
            kubernetes.secrets().inNamespace(namespace()).withName(name).delete();
        } catch (KubernetesClientException e) {
            LOG.warnf("Task pool %s's objects were not all removed (%s): trying again next cycle", pool, e.getMessage());
        }
    }

    private <T extends HasMetadata> void apply(T object) {
        kubernetes.resource(object).inNamespace(namespace()).createOr(NonDeletingOperation::update);
    }

    private String namespace() {
        return config.kubernetes().namespace();
    }
}
