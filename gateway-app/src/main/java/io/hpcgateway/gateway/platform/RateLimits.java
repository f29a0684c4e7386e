package io.hpcgateway.gateway.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (a user's subject, or an address): each holds up to a minute's allowance
 * and refills continuously, so a client may burst to its limit and then goes at the limit's pace.
 * Buckets that are full again are dropped once there are many, so idle keys cost nothing.
 */
@ApplicationScoped
public class RateLimits {

    private static final int MAX_KEYS = 100_000;
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private record Bucket(double tokens, long refilledAt, int perMinute, boolean granted) {

        Bucket take(long now) {
            double refilled = Math.min(perMinute, tokens + (now - refilledAt) * (double) perMinute / NANOS_PER_MINUTE);
            return refilled >= 1 ? new Bucket(refilled - 1, now, perMinute, true)
                    : new Bucket(refilled, now, perMinute, false);
        }

        boolean fullAt(long now) {
            return tokens + (now - refilledAt) * (double) perMinute / NANOS_PER_MINUTE >= perMinute;
        }

        long secondsUntilOne() {
            return Math.max(1, (long) Math.ceil((1 - tokens) * 60 / perMinute));
        }
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes one request from {@code key}'s allowance: empty when granted, else the seconds to wait. */
    public OptionalLong take(String key, int perMinute) {
        long now = System.nanoTime();
        if (buckets.size() > MAX_KEYS) {
            buckets.values().removeIf(bucket -> bucket.fullAt(now));
        }
        Bucket bucket = buckets.compute(key, (k, old) ->
                (old == null || old.perMinute() != perMinute ? new Bucket(perMinute, now, perMinute, true) : old)
                        .take(now));
        return bucket.granted() ? OptionalLong.empty() : OptionalLong.of(bucket.secondsUntilOne());
    }
}
