package io.hpcgateway.frontend.platform;

import io.hpcgateway.frontend.auth.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Adds FirecREST's {@code F7T-*} headers to every answer; clients read the server version from them. */
public class F7tHeaders {

    /** The FirecREST API version whose contract this front end implements. */
    @ConfigProperty(name = "frontend.firecrest-api-version", defaultValue = "2.5.4")
    String apiVersion;

    @Inject
    Caller caller;

    @ServerResponseFilter
    public void addHeaders(ContainerResponseContext response) {
        response.getHeaders().putSingle("F7T-AppVersion", apiVersion);
        response.getHeaders().putSingle("F7T-Timestamp", Instant.now().toString());
        String user = caller.nameOrNull();
        if (user != null) {
            response.getHeaders().putSingle("F7T-AuthUsername", user);
        }
    }
}
