package io.hpcgateway.gateway.cluster;

import io.hpcgateway.gateway.platform.ApiException;
import java.util.Map;

/** The cluster's API did not answer (down, unreachable, timed out): a 503 the client may retry. */
public class ClusterUnavailableException extends ApiException {

    static final int RETRY_AFTER_SECONDS = 5;

    public ClusterUnavailableException(String cluster, String reason) {
        super(503, "cluster_unavailable", "Cluster '" + cluster + "' does not answer (" + reason
                + "); retry in a few seconds.", Map.of("cluster", cluster, "retryAfterSeconds", RETRY_AFTER_SECONDS));
    }
}
