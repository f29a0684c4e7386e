package io.hpcgateway.gateway.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Tokens reused until half their lifetime is gone, so every call still has most of it (the front
 * end refuses tokens about to expire) while a busy user costs one signature or exchange per
 * half-lifetime. Expired entries are dropped when the cache grows past its bound.
 */
final class TokenCache {

    private static final int BOUND = 10_000;

    private record Entry(IssuedToken token, Instant renewAfter) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    IssuedToken get(String key, Supplier<IssuedToken> issue) {
        Instant now = Instant.now();
        Entry cached = entries.get(key);
        if (cached != null && now.isBefore(cached.renewAfter())) {
            return cached.token();
        }
        IssuedToken fresh = issue.get();
        if (entries.size() >= BOUND) {
            entries.values().removeIf(entry -> !now.isBefore(entry.renewAfter()));
        }
        entries.put(key, new Entry(fresh, now.plus(Duration.between(now, fresh.expiresAt()).dividedBy(2))));
        return fresh;
    }
}
