package io.hpcgateway.gateway.platform;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The configured request limits ({@code gateway.rate-limit.*}): per user (the token's subject) for
 * authenticated requests, per address only for requests without a valid token, since every
 * request the relay replays comes from the relay's address and users behind it must not share a
 * limit. Over its limit a request is refused with 429 and the seconds to wait.
 */
@ApplicationScoped
public class RequestLimits {

    private final RateLimits buckets;
    private final GatewayConfig.RateLimit config;
    private final CurrentVertxRequest request;

    RequestLimits(RateLimits buckets, GatewayConfig config, CurrentVertxRequest request) {
        this.buckets = buckets;
        this.config = config.rateLimit();
        this.request = request;
    }

    void user(String subject) {
        if (config.enabled()) {
            refuseIfOver("user:" + subject, config.perUserPerMinute(), "this user");
        }
    }

    void anonymous() {
        if (config.enabled()) {
            refuseIfOver("address:" + address(), config.perAddressPerMinute(), "this address without a valid token");
        }
    }

    private void refuseIfOver(String key, int perMinute, String who) {
        OptionalLong wait = buckets.take(key, perMinute);
        if (wait.isPresent()) {
            throw new ApiException(429, "rate_limited", "More than " + perMinute + " requests a minute from " + who
                    + "; retry in " + wait.getAsLong() + " s.", Map.of("limitPerMinute", perMinute,
                    "retryAfterSeconds", wait.getAsLong()));
        }
    }

    private String address() {
        var current = request.getCurrent();
        return current == null || current.request().remoteAddress() == null ? "unknown"
                : current.request().remoteAddress().hostAddress();
    }
}
