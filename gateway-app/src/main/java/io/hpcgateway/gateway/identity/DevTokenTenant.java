package io.hpcgateway.gateway.identity;

import io.hpcgateway.devkeys.DevKeyPair;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.quarkus.oidc.Oidc;
import io.quarkus.oidc.OidcTenantConfig;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * In {@code dev} auth mode, makes quarkus-oidc verify bearer tokens with the embedded default's
 * public key (the pair is created if this is the first service to start). In {@code oidc} mode
 * the {@code quarkus.oidc.*} configuration (Keycloak's issuer and JWKS) is used unchanged.
 */
public class DevTokenTenant {

    private static final Logger LOG = Logger.getLogger(DevTokenTenant.class);
    /** The issuer dev-token.sh writes: a token the dev key signed for anything else is refused. */
    public static final String DEV_ISSUER = "hpc-gateway-dev";

    void register(@Observes Oidc oidc, GatewayConfig config) {
        if (config.auth().mode() != GatewayConfig.Auth.Mode.DEV) {
            return;
        }
        Path publicKey = DevKeyPair.ensure(config.auth().devKeyDirectory());
        oidc.create(OidcTenantConfig.builder().publicKey(DevKeyPair.publicKeyBase64(publicKey)).token()
                .issuer(DEV_ISSUER).end().build());
        LOG.infof("Bearer tokens are verified with the dev key %s and must be issued by %s (gateway.auth.mode=dev)",
                publicKey, DEV_ISSUER);
    }
}
