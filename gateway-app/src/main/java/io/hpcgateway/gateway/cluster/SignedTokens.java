package io.hpcgateway.gateway.cluster;

import io.hpcgateway.devkeys.DevKeyPair;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;

/**
 * {@code auth=signed}: short-lived tokens the gateway signs with its own cluster key (never the
 * dev key that signs user tokens), naming the acting user's cluster account; the front end runs
 * their commands as exactly that account. The gateway's own token carries the service role.
 */
final class SignedTokens implements ClusterCredentials {

    static final String ISSUER = "hpc-gateway";
    /** The service token's subject; cache keys of users are prefixed, so no user name can collide with it. */
    private static final String SERVICE = "hpc-gateway";
    private static final String USER_PREFIX = "user:";

    private final GatewayConfig.Cluster config;
    private final Path keyFile;
    private final PrivateKey signingKey;
    private final TokenCache cache = new TokenCache();

    SignedTokens(GatewayConfig.Cluster config, GatewayConfig.Auth auth) {
        this.config = config;
        this.keyFile = config.signingKeyLocation().orElseGet(() -> {
            DevKeyPair.ensureCluster(auth.clusterKeyDirectory());
            return auth.clusterKeyDirectory().resolve(DevKeyPair.CLUSTER_PRIVATE_KEY_FILE);
        });
        this.signingKey = DevKeyPair.readPrivateKey(keyFile);
    }

    @Override
    public String authorization(String clusterUser) {
        return cache.get(USER_PREFIX + clusterUser, () -> sign(clusterUser,
                Jwt.issuer(ISSUER).subject(clusterUser).preferredUserName(clusterUser))).header();
    }

    @Override
    public String serviceAuthorization() {
        return cache.get(SERVICE, () -> sign(SERVICE, Jwt.issuer(ISSUER).subject(SERVICE).preferredUserName(SERVICE)
                .groups(Set.of(config.serviceRole())))).header();
    }

    private IssuedToken sign(String account, JwtClaimsBuilder claims) {
        Instant now = Instant.now();
        Instant expires = now.plus(config.tokenTtl());
        return new IssuedToken(claims.issuedAt(now).expiresAt(expires).sign(signingKey), account, expires);
    }

    @Override
    public String describe() {
        String publicHalf = config.signingKeyLocation().isPresent() ? "the public half of " + keyFile
                : keyFile.resolveSibling(DevKeyPair.CLUSTER_PUBLIC_KEY_FILE).toString();
        return "tokens signed with " + keyFile + "; its front end must trust " + publicHalf
                + " (frontend.auth.public-key-location)";
    }
}
