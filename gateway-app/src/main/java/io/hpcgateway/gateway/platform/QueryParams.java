package io.hpcgateway.gateway.platform;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters several listings share, refused with a 400 that says what to send. */
public final class QueryParams {

    private QueryParams() {}

    /** An ISO-8601 instant, or null when absent. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, "'" + name + "' must be an ISO-8601 instant, e.g. 2026-01-15T10:00:00Z");
        }
    }

    /** A page size between 1 and {@code max}; {@code fallback} when absent. */
    public static int limit(Integer value, int fallback, int max) {
        int limit = value == null ? fallback : value;
        if (limit < 1 || limit > max) {
            throw ApiException.badRequest("limit", "'limit' must be between 1 and " + max);
        }
        return limit;
    }
}
