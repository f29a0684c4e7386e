package io.hpcgateway.gateway.cluster;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The bearer token of the request being served, for clusters that exchange it; empty outside requests. */
@ApplicationScoped
class CallerToken {

    private final CurrentIdentityAssociation identities;

    CallerToken(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    Optional<String> raw() {
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        SecurityIdentity identity = identities.getIdentity();
        return identity.getPrincipal() instanceof JsonWebToken token ? Optional.ofNullable(token.getRawToken())
                : Optional.empty();
    }
}
