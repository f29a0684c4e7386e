package io.hpcgateway.gateway.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A token without a subject names no one: every route answers it 401, as for any other invalid
 * token, before anything is looked up or created for it.
 */
@ApplicationScoped
public class SubjectRequired implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken token
                && (token.getSubject() == null || token.getSubject().isBlank())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("The token has no 'sub' claim"));
        }
        return Uni.createFrom().item(identity);
    }
}
