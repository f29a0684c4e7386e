package io.hpcgateway.gateway.cluster;

import io.hpcgateway.gateway.platform.ApiException;
import java.util.Map;

/**
 * The cluster's API did not answer (down, unreachable, timed out): a 503 the client may retry.
 * It also says whether the request may have reached the cluster: a refused connection sent
 * nothing, but a connection that closed or timed out after the request went out leaves the
 * outcome unknown (an sbatch may have run).
 */
public class ClusterUnavailableException extends ApiException {

    static final int RETRY_AFTER_SECONDS = 5;

    private final boolean mayHaveArrived;

    public ClusterUnavailableException(String cluster, String reason, boolean mayHaveArrived) {
        super(503, "cluster_unavailable", "Cluster '" + cluster + "' does not answer (" + reason
                + "); retry in a few seconds.", Map.of("cluster", cluster, "retryAfterSeconds", RETRY_AFTER_SECONDS));
        this.mayHaveArrived = mayHaveArrived;
    }

    /** False when nothing reached the cluster (connection refused, no route): the call certainly did nothing. */
    public boolean mayHaveArrived() {
        return mayHaveArrived;
    }
}
