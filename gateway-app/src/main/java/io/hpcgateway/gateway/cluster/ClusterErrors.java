package io.hpcgateway.gateway.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.gateway.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;

/**
 * Turns a cluster API's error answer (status and FirecREST error body) into the gateway's answer:
 * the user's mistakes pass on with the cluster's message, a cluster that is down or busy becomes a
 * 503 to retry, credentials the cluster rejects are the gateway's fault (502).
 */
@ApplicationScoped
public class ClusterErrors {

    private final ObjectMapper json;

    ClusterErrors(ObjectMapper json) {
        this.json = json;
    }

    ApiException translate(Cluster cluster, int status, String body) {
        String message = message(body, status);
        return switch (status) {
            case 400, 413, 416 -> new ApiException(status, "cluster_refused", message, Map.of("cluster", cluster.name()));
            case 403 -> new ApiException(403, "forbidden", message, Map.of("cluster", cluster.name()));
            case 404 -> new ApiException(404, "not_found", message, Map.of("cluster", cluster.name()));
            case 409 -> new ApiException(409, "conflict", message, Map.of("cluster", cluster.name()));
            case 401 -> new ApiException(502, "cluster_rejected_gateway", "Cluster '" + cluster.name()
                    + "' rejected the gateway's credentials: " + message, Map.of("cluster", cluster.name()));
            // A command that timed out (408) or a proxy that gave up (504) may have done its work;
            // a cluster too busy (429) or not ready (503) refused before doing anything.
            case 408, 504 -> new ClusterUnavailableException(cluster.name(), message, true);
            case 429, 503 -> new ClusterUnavailableException(cluster.name(), message, false);
            default -> new ApiException(502, "cluster_error", "Cluster '" + cluster.name() + "' failed: " + message,
                    Map.of("cluster", cluster.name()));
        };
    }

    /** FirecREST's {@code message}, or the bare status when the body is not its error JSON. */
    private String message(String body, int status) {
        try {
            return json.readTree(body == null ? "" : body).path("message").asText("HTTP " + status);
        } catch (IOException | RuntimeException unreadable) {
            return "HTTP " + status;
        }
    }
}
