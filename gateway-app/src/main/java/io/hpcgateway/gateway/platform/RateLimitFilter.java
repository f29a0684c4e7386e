package io.hpcgateway.gateway.platform;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Applies {@link RequestLimits} to every request once it is authenticated (a request whose token
 * fails is charged where its 401 is answered, {@link ErrorResponses}). Health and heartbeat routes
 * are never limited; the {@code /q/} routes are not the API's and never reach this filter.
 */
public class RateLimitFilter {

    private static final Set<String> EXEMPT = Set.of("/heartbeat", "/health");

    @Inject
    RequestLimits limits;

    @Inject
    SecurityIdentity identity;

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 100)
    public void limit(ContainerRequestContext context) {
        if (EXEMPT.contains(context.getUriInfo().getPath())) {
            return;
        }
        if (!identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken token) {
            limits.user(token.getSubject());
        } else {
            limits.anonymous();
        }
    }
}
