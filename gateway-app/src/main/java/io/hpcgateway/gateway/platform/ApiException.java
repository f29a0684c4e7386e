package io.hpcgateway.gateway.platform;

import java.util.Map;

/**
 * A failure the client can act on, rendered as {@code {error, message, details}} with its status.
 * {@code error} is a stable machine-readable code; {@code message} says what to fix.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final Map<String, Object> details;

    public ApiException(int status, String error, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.error = error;
        this.details = Map.copyOf(details);
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, "invalid_request", message, Map.of("field", field));
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(404, "not_found", what + " '" + id + "' does not exist", Map.of());
    }

    public static ApiException conflict(String message, Map<String, Object> details) {
        return new ApiException(409, "conflict", message, details);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, Map.of());
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public Map<String, Object> details() {
        return details;
    }
}
