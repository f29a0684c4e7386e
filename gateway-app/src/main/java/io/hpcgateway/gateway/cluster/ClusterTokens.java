package io.hpcgateway.gateway.cluster;

import io.hpcgateway.devkeys.DevKeyPair;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.smallrye.jwt.build.Jwt;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens for one cluster: short-lived tokens the gateway signs naming the acting user (so
 * the front end confines and records per user), reused until half their lifetime is gone; or a
 * configured static service token.
 */
final class ClusterTokens {

    private record Cached(String header, Instant renewAfter) {}

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
        if (signingKey == null) {
            return "Bearer " + config.serviceToken().orElseThrow();
        }
        Instant now = Instant.now();
        Cached cached = cache.get(clusterUser);
        if (cached != null && now.isBefore(cached.renewAfter())) {
            return cached.header();
        }
        Duration ttl = config.tokenTtl();
        String token = Jwt.issuer("hpc-gateway").subject(clusterUser).preferredUserName(clusterUser)
                .issuedAt(now).expiresAt(now.plus(ttl)).sign(signingKey);
        Cached fresh = new Cached("Bearer " + token, now.plus(ttl.dividedBy(2)));
        cache.put(clusterUser, fresh);
        return fresh.header();
    }
}
