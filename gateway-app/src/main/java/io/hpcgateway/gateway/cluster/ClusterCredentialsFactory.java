package io.hpcgateway.gateway.cluster;

import io.hpcgateway.gateway.platform.GatewayConfig;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Builds each cluster's credentials from {@code gateway.clusters.<name>.auth} and refuses, at
 * startup and by name, a configuration that could not work: a static token that is missing or
 * given to another mode, or a token exchange without an identity provider, audience or client.
 */
final class ClusterCredentialsFactory {

    private final GatewayConfig.Auth auth;
    private final Config config;
    private final CallerToken callerToken;

    ClusterCredentialsFactory(GatewayConfig.Auth auth, Config config, CallerToken callerToken) {
        this.auth = auth;
        this.config = config;
        this.callerToken = callerToken;
    }

    ClusterCredentials create(String name, GatewayConfig.Cluster cluster) {
        String prefix = "gateway.clusters." + name + ".";
        if (cluster.serviceToken().isPresent() && cluster.auth() != GatewayConfig.Cluster.Credentials.STATIC_TOKEN) {
            throw refused(prefix + "service-token is set, but " + prefix + "auth is " + cluster.auth()
                    + ": set " + prefix + "auth=static-token to use it, or remove it");
        }
        return switch (cluster.auth()) {
            case SIGNED -> new SignedTokens(cluster, auth);
            case STATIC_TOKEN -> new StaticToken(cluster.serviceToken().orElseThrow(() -> refused(prefix
                    + "auth=static-token needs " + prefix + "service-token")));
            case TOKEN_EXCHANGE -> exchange(prefix, name, cluster.exchange());
        };
    }

    private ClusterCredentials exchange(String prefix, String name, GatewayConfig.Cluster.Exchange exchange) {
        if (auth.mode() != GatewayConfig.Auth.Mode.OIDC) {
            throw refused(prefix + "auth=token-exchange exchanges the users' identity provider tokens: it needs "
                    + "gateway.auth.mode=oidc");
        }
        String audience = exchange.audience().orElseThrow(() -> refused(prefix + "exchange.audience is required: the "
                + "client id the cluster expects in 'aud'"));
        String clientId = exchange.clientId().or(() -> value("quarkus.oidc.client-id")).orElseThrow(() -> refused(
                prefix + "exchange.client-id (or quarkus.oidc.client-id) is required"));
        String secret = exchange.clientSecret().or(() -> value("quarkus.oidc.credentials.secret")).orElseThrow(
                () -> refused(prefix + "exchange.client-secret (or quarkus.oidc.credentials.secret) is required"));
        URI issuer = value("quarkus.oidc.auth-server-url").map(URI::create).orElseThrow(() -> refused(
                "quarkus.oidc.auth-server-url is required"));
        TokenEndpoint endpoint = new TokenEndpoint(name, exchange.tokenEndpoint().orElse(null), issuer, clientId, secret);
        return new ExchangedTokens(name, audience, exchange.usernameClaim(), endpoint, callerToken::raw);
    }

    private Optional<String> value(String key) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
    }

    private static IllegalStateException refused(String why) {
        return new IllegalStateException("Cluster configuration: " + why);
    }
}
