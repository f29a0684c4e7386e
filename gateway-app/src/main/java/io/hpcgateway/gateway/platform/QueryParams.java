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
    public static int limit(String value, int fallback, int max) {
        return integer("limit", value, fallback, 1, max);
    }

    /** Where a page starts: 0 or more; 0 when absent. */
    public static int offset(String value) {
        return integer("offset", value, 0, 0, 1_000_000_000);
    }

    /**
     * A whole number between {@code min} and {@code max}; {@code fallback} when absent. Numbers
     * arrive as text so that "abc", "1e3" or one beyond a long are a 400 naming the parameter, not
     * the framework's 404 for an unconvertible parameter.
     */
    public static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String what = "'" + name + "' must be a whole number from " + min + " to " + max;
        if (!value.strip().matches("-?\\d{1,10}")) {
            throw ApiException.badRequest(name, what + ", not '" + Echo.of(value) + "'");
        }
        long number = Long.parseLong(value.strip());
        if (number < min || number > max) {
            throw ApiException.badRequest(name, what + ", not " + number);
        }
        return (int) number;
    }

    /**
     * A whole number of 0 or more (an event id, say), or null when absent; sent as a query
     * parameter or a header such as {@code Last-Event-ID}, whose name the 400 gives.
     */
    public static Long wholeNumber(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.strip().matches("\\d{1,18}")) {
            throw ApiException.badRequest(name, "'" + name + "' must be a whole number, 0 or more, not '"
                    + Echo.of(value) + "'");
        }
        return Long.parseLong(value.strip());
    }
}
