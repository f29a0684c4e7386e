package io.hpcgateway.gateway.placement;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * A second cluster for placement: a front end on the local executor (system "edge", in us-east,
 * at half the rate card's prices, with one GPU per node and only the "debug" partition), behind a
 * proxy a test can cut to make the cluster die. The first cluster, "local", is the real SLURM
 * front end in eu-central.
 */
public class SecondCluster implements QuarkusTestResourceLifecycleManager {

    static TcpProxy proxy;
    private FrontendProcess frontend;

    @Override
    public Map<String, String> start() {
        frontend = new FrontendProcess("frontend-edge", Map.of("frontend.scheduler", "local",
                "frontend.system-name", "edge", "frontend.local.partitions", "debug"));
        Map<String, String> started = frontend.start();
        try {
            proxy = new TcpProxy(URI.create(started.get("gateway.clusters.local.url")).getPort());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("gateway.clusters.edge.url", proxy.url());
        config.put("gateway.clusters.edge.system", "edge");
        config.put("gateway.clusters.edge.timeout", "3s");
        config.put("gateway.clusters.edge.region", "us-east");
        config.put("gateway.clusters.edge.rate-bps", "5000");
        config.put("gateway.clusters.edge.gpus-per-node", "1");
        config.put("gateway.clusters.local.region", "eu-central");
        return config;
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            frontend.stop();
        }
    }
}
