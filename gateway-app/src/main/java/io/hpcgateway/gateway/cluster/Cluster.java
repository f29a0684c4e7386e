package io.hpcgateway.gateway.cluster;

import io.hpcgateway.gateway.platform.GatewayConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.configuration.MemorySize;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One configured cluster: its FirecREST API client, its credentials, and a count of the calls made to
 * it (the reconciler's cost is measured by it). Calls go through {@link ClusterCalls}.
 */
public final class Cluster {

    private final String name;
    private final String system;
    private final URI url;
    private final FirecrestApi api;
    private final HttpClient files;
    private final ClusterCredentials credentials;
    private final AtomicLong calls = new AtomicLong();
    private volatile String userRoot;
    private final int gpusPerNode;
    private final boolean interactiveSessions;
    private final long maxDirectTransfer;
    private final Duration stagingTimeout;
    private final Optional<String> gpuModel;
    private final Optional<String> region;
    private final boolean placement;
    private final int rateBps;

    Cluster(String name, GatewayConfig.Cluster config, ClusterCredentials credentials) {
        this.name = name;
        this.system = config.system();
        this.gpusPerNode = config.gpusPerNode();
        this.interactiveSessions = config.interactiveSessions();
        this.maxDirectTransfer = config.maxDirectTransferSize().map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        this.stagingTimeout = config.stagingTimeout();
        this.gpuModel = config.gpuModel();
        this.region = config.region();
        this.placement = config.placement();
        this.rateBps = config.rateBps();
        this.url = config.url();
        long timeoutMillis = config.timeout().toMillis();
        this.api = QuarkusRestClientBuilder.newBuilder().baseUri(config.url())
                .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .register(new RequestIdForwarding())
                .build(FirecrestApi.class);
        this.files = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.timeout()).build();
        this.credentials = credentials;
    }

    public int gpusPerNode() {
        return gpusPerNode;
    }

    public boolean interactiveSessions() {
        return interactiveSessions;
    }

    public Optional<String> gpuModel() {
        return gpuModel;
    }

    public Optional<String> region() {
        return region;
    }

    /** Whether jobs that name no cluster may be placed here. */
    public boolean placement() {
        return placement;
    }

    /** Prices here, in basis points of the rate card. */
    public int rateBps() {
        return rateBps;
    }

    /** Whether the configuration names this cluster's direct-transfer limit. */
    boolean limitsDirectTransfers() {
        return maxDirectTransfer != Long.MAX_VALUE;
    }

    /** Whether a file of {@code size} bytes (negative when unknown) goes through staging without trying direct. */
    boolean staged(long size) {
        return size > maxDirectTransfer;
    }

    Duration stagingTimeout() {
        return stagingTimeout;
    }

    public String name() {
        return name;
    }

    public String system() {
        return system;
    }

    URI url() {
        return url;
    }

    FirecrestApi api() {
        return api;
    }

    HttpClient files() {
        return files;
    }

    String authorization(String clusterUser) {
        return credentials.authorization(clusterUser);
    }

    String serviceAuthorization() {
        return credentials.serviceAuthorization();
    }

    /** Whether background work may call this cluster as a user (see {@link ClusterCredentials}). */
    public boolean actsForUsersOutsideRequests() {
        return credentials.actsForUsersOutsideRequests();
    }

    String describeCredentials() {
        return credentials.describe();
    }

    /** Counts one call to the cluster's API. */
    void called() {
        calls.incrementAndGet();
    }

    /** Calls made to this cluster since start. */
    public long calls() {
        return calls.get();
    }

    String cachedUserRoot() {
        return userRoot;
    }

    void cacheUserRoot(String root) {
        this.userRoot = root;
    }
}
