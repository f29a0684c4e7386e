package io.hpcgateway.gateway.idempotency;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Marks a replayed answer, so that a client (or its operator) can tell it from a first one. */
public class ReplayedHeader {

    @Inject
    IdempotentRequest request;

    @ServerResponseFilter
    public void mark(ContainerResponseContext response) {
        if (request.replayed()) {
            response.getHeaders().putSingle("Idempotent-Replayed", "true");
        }
    }
}
