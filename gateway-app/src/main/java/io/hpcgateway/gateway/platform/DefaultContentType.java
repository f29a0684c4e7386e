package io.hpcgateway.gateway.platform;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request without Content-Type is application/octet-stream (RFC 9110, 8.3). Without this, the
 * router would match such a request to the most specific consumer, e.g. send an empty
 * {@code PUT /data/{collection_name}} to the multipart dataset upload instead of the collection.
 */
public class DefaultContentType {

    private static final Set<String> WITH_BODY = Set.of(HttpMethod.PUT, HttpMethod.POST, HttpMethod.PATCH);

    @ServerRequestFilter(preMatching = true)
    public void assumeOctetStream(ContainerRequestContext request) {
        if (WITH_BODY.contains(request.getMethod()) && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_OCTET_STREAM);
        }
    }
}
