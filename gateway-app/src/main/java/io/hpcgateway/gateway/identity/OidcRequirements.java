package io.hpcgateway.gateway.identity;

import io.hpcgateway.gateway.platform.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * In {@code oidc} mode the gateway starts only when tokens can be tied to it: the identity
 * provider (whose discovered issuer quarkus-oidc then requires in {@code iss}, unless
 * {@code quarkus.oidc.token.issuer} names it) and the audience, without which a token any client
 * of the realm got would be accepted.
 */
public class OidcRequirements {

    private static final Logger LOG = Logger.getLogger(OidcRequirements.class);

    void check(@Observes StartupEvent start, GatewayConfig gateway, Config config) {
        if (gateway.auth().mode() != GatewayConfig.Auth.Mode.OIDC) {
            return;
        }
        require(config, "quarkus.oidc.auth-server-url", "the identity provider's issuer URL (a Keycloak realm: "
                + "https://idp.example.org/realms/hpc)");
        require(config, "quarkus.oidc.token.audience", "the audience access tokens must carry for this gateway (the "
                + "shipped realm's: hpc-gateway)");
        LOG.infof("Bearer tokens: issuer %s, audience %s, roles from %s", config.getValue(
                "quarkus.oidc.auth-server-url", String.class), config.getValue("quarkus.oidc.token.audience",
                String.class), gateway.auth().roleClaims());
    }

    private static void require(Config config, String key, String what) {
        if (config.getOptionalValue(key, String.class).filter(value -> !value.isBlank()).isEmpty()) {
            throw new IllegalStateException("gateway.auth.mode=oidc needs " + key + ": " + what);
        }
    }
}
