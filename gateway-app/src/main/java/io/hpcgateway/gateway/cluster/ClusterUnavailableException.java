package io.hpcgateway.gateway.cluster;

import io.hpcgateway.gateway.platform.ApiException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

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

    /**
     * The transport failure {@code cause} of a call to {@code cluster}, classified: a connection
     * that could not be made sent nothing; a timeout or a connection closed mid-answer may have.
     */
    static ClusterUnavailableException from(String cluster, Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ConnectException || root instanceof UnknownHostException
                || root instanceof NoRouteToHostException) {
            // Includes a connect timeout (netty's ConnectTimeoutException is a ConnectException).
            return new ClusterUnavailableException(cluster, "cannot connect", false);
        }
        boolean timedOut = root instanceof TimeoutException || root instanceof SocketTimeoutException
                || root instanceof HttpTimeoutException;
        return new ClusterUnavailableException(cluster, timedOut ? "timed out waiting for the answer"
                : "the connection closed before the answer", true);
    }

    /** False when nothing reached the cluster (connection refused, no route): the call certainly did nothing. */
    public boolean mayHaveArrived() {
        return mayHaveArrived;
    }
}
