package io.hpcgateway.frontend.platform;

import jakarta.enterprise.context.ApplicationScoped;

/** The one system this front end serves; every {@code {system}} path segment must name it. */
@ApplicationScoped
public class Systems {

    private final String name;

    Systems(FrontendConfig config) {
        this.name = config.systemName();
    }

    public String name() {
        return name;
    }

    /** FirecREST lower-cases system names in URLs, so the match ignores case. */
    public void require(String system) {
        if (!name.equalsIgnoreCase(system)) {
            throw ApiException.notFound("System '" + system + "' does not exist here; this front end serves '" + name + "'.");
        }
    }
}
