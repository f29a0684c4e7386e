package io.hpcgateway.gateway.cluster;

import io.hpcgateway.http.RequestIds;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.net.http.HttpRequest;
import org.jboss.logging.MDC;

/**
 * Passes the id of the user's request being handled ({@link RequestIds}, in the log MDC) on to the
 * cluster's API as {@code X-Request-Id}, so one request is found in the gateway's and the front
 * end's logs alike. Calls of the gateway's own cycles (reconcile, usage) have none and send none.
 */
final class RequestIdForwarding implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext context) {
        String id = current();
        if (id != null) {
            context.getHeaders().putSingle(RequestIds.HEADER, id);
        }
    }

    /** A request to {@code uri} carrying the current request's id, when there is one. */
    static HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        String id = current();
        if (id != null) {
            request.header(RequestIds.HEADER, id);
        }
        return request;
    }

    private static String current() {
        Object id = MDC.get(RequestIds.MDC_KEY);
        return id == null ? null : id.toString();
    }
}
