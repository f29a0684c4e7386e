package io.hpcgateway.gateway.cluster;

import io.hpcgateway.devkeys.DevKeyPair;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Bearer tokens for one cluster: short-lived tokens the gateway signs naming the acting user's
 * cluster account (the front end runs their commands as exactly that account), reused until half
 * their lifetime is gone; a token with the service role for the gateway's own batched calls; or a
 * configured static service token for all of them.
 */
final class ClusterTokens {

    private record Cached(String header, Instant renewAfter) {}

    /** The service token's subject and name; cache keys of users are prefixed, so no user name can collide with it. */
    private static final String SERVICE = "hpc-gateway";
    private static final String USER_PREFIX = "user:";

    private final GatewayConfig.Cluster config;
    private final PrivateKey signingKey;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    ClusterTokens(GatewayConfig.Cluster config, GatewayConfig.Auth auth) {
        this.config = config;
        if (config.serviceToken().isPresent()) {
            this.signingKey = null;
        } else {
            var keyFile = config.signingKeyLocation().orElseGet(() -> {
                DevKeyPair.ensure(auth.devKeyDirectory());
                return auth.devKeyDirectory().resolve(DevKeyPair.PRIVATE_KEY_FILE);
            });
            this.signingKey = DevKeyPair.readPrivateKey(keyFile);
        }
    }

    /** The Authorization header value for calls on behalf of {@code clusterUser}. */
    String authorization(String clusterUser) {
        return cached(USER_PREFIX + clusterUser, () -> Jwt.issuer("hpc-gateway").subject(clusterUser)
                .preferredUserName(clusterUser));
    }

    /**
     * The header for the gateway's own batched calls (every user's jobs, accounting for many jobs):
     * a token with the service role, which the front end runs as its unprivileged service account.
     */
    String serviceAuthorization() {
        return cached(SERVICE, () -> Jwt.issuer("hpc-gateway").subject(SERVICE).preferredUserName(SERVICE)
                .groups(Set.of(config.serviceRole())));
    }

    private String cached(String key, Supplier<JwtClaimsBuilder> claims) {
        if (signingKey == null) {
            return "Bearer " + config.serviceToken().orElseThrow();
        }
        Instant now = Instant.now();
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.renewAfter())) {
            return cached.header();
        }
        Duration ttl = config.tokenTtl();
        String token = claims.get().issuedAt(now).expiresAt(now.plus(ttl)).sign(signingKey);
        Cached fresh = new Cached("Bearer " + token, now.plus(ttl.dividedBy(2)));
        cache.put(key, fresh);
        return fresh.header();
    }
}
