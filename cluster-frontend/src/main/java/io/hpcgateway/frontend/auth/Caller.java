package io.hpcgateway.frontend.auth;

import io.hpcgateway.frontend.platform.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated user of the current request, set by {@link AuthenticationFilter}. */
@RequestScoped
public class Caller {

    private String name;

    void authenticate(String name) {
        this.name = name;
    }

    /** The user name; only routes behind authentication call this. */
    public String name() {
        if (name == null) {
            throw ApiException.unauthorized("This route needs a bearer token.");
        }
        return name;
    }

    public String nameOrNull() {
        return name;
    }
}
