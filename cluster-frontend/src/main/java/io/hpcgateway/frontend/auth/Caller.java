package io.hpcgateway.frontend.auth;

import io.hpcgateway.frontend.identity.RunAs;
import io.hpcgateway.frontend.platform.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set by {@link AuthenticationFilter}. */
@RequestScoped
public class Caller {

    private TokenVerifier.Verified token;

    void authenticate(TokenVerifier.Verified token) {
        this.token = token;
    }

    /** The token's user name; only routes behind authentication call this. */
    public String name() {
        return verified().name();
    }

    public String nameOrNull() {
        return token == null ? null : token.name();
    }

    /** Whom the caller's commands run as: their own account, or the service identity for a service token. */
    public RunAs runAs() {
        TokenVerifier.Verified verified = verified();
        return verified.service() ? RunAs.service(verified.name()) : RunAs.user(verified.name());
    }

    /**
     * The user account for operations that only a user has (jobs, files): the service identity
     * owns neither, so its token is refused there.
     */
    public String user() {
        TokenVerifier.Verified verified = verified();
        if (verified.service()) {
            throw ApiException.forbidden("The service identity runs no jobs and owns no files; call this route with "
                    + "the user's own token.");
        }
        return verified.name();
    }

    public boolean isService() {
        return verified().service();
    }

    private TokenVerifier.Verified verified() {
        if (token == null) {
            throw ApiException.unauthorized("This route needs a bearer token.");
        }
        return token;
    }
}
