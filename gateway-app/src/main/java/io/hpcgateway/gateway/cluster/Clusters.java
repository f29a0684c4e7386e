package io.hpcgateway.gateway.cluster;

import io.hpcgateway.gateway.platform.ApiException;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/** The configured clusters, by name; built at startup, so a cluster configured wrongly stops it with the reason. */
@Startup
@ApplicationScoped
public class Clusters {

    private static final Logger LOG = Logger.getLogger(Clusters.class);

    private final Map<String, Cluster> clusters = new TreeMap<>();
    private final String defaultCluster;

    Clusters(GatewayConfig config, Config settings, CallerToken callerToken) {
        ClusterCredentialsFactory credentials = new ClusterCredentialsFactory(config.auth(), settings, callerToken);
        config.clusters().forEach((name, cluster) -> clusters.put(name,
                new Cluster(name, cluster, credentials.create(name, cluster))));
        this.defaultCluster = config.defaultCluster();
        clusters.values().forEach(cluster -> LOG.infof("Cluster %s (%s): %s", cluster.name(), cluster.url(),
                cluster.describeCredentials()));
    }

    /** The named cluster, or the default one when {@code name} is null. */
    public Cluster get(String name) {
        String wanted = name == null || name.isBlank() ? defaultCluster : name;
        Cluster cluster = clusters.get(wanted);
        if (cluster == null) {
            throw ApiException.badRequest("cluster", "Unknown cluster '" + wanted + "'; this gateway has "
                    + String.join(", ", clusters.keySet()));
        }
        return cluster;
    }

    public Collection<Cluster> all() {
        return clusters.values();
    }

    /**
     * Runs background work on every cluster in turn; one cluster failing (down, refusing the
     * gateway) is logged and does not keep the work from the others.
     */
    public void eachIndependently(String work, Consumer<Cluster> action) {
        for (Cluster cluster : clusters.values()) {
            try {
                action.accept(cluster);
            } catch (ApiException e) {
                LOG.warnf("%s on cluster %s failed: %s", work, cluster.name(), e.getMessage());
            }
        }
    }
}
