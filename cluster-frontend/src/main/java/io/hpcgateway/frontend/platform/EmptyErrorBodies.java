package io.hpcgateway.frontend.platform;

import io.hpcgateway.frontend.auth.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives the JSON error body to error answers the framework produced without one (a request body
 * the JSON reader could not parse, a parameter of the wrong type, an unsupported media type),
 * since those never reach an exception mapper.
 */
public class EmptyErrorBodies {

    @Inject
    Caller caller;

    @ServerResponseFilter
    public void fill(ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || response.hasEntity()) {
            return;
        }
        response.setEntity(ErrorResponses.body(status, caller.nameOrNull()), null, MediaType.APPLICATION_JSON_TYPE);
    }
}
