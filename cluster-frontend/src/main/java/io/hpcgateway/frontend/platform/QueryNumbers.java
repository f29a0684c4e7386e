package io.hpcgateway.frontend.platform;

/**
 * Parses numeric query parameters here rather than in the framework, which answers a value it
 * cannot convert with a bare 404; this way the client learns which parameter to fix.
 */
public final class QueryNumbers {

    private QueryNumbers() {}

    public static Long parse(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.validation("query", name, "'" + name + "' must be a whole number, not '" + value + "'");
        }
    }
}
