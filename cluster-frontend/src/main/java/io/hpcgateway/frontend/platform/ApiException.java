package io.hpcgateway.frontend.platform;

import java.util.List;

/**
 * A failure the client can act on: it carries the HTTP status, FirecREST's {@code errorType}
 * ("validation" for bad input, "error" otherwise) and the fields at fault, and is rendered by
 * {@link ErrorResponses} as the one JSON error shape.
 */
public class ApiException extends RuntimeException {

    /** A field of the request that was refused, as FirecREST reports it. */
    public record FieldError(String location, String name, String message) {}

    private final int status;
    private final String errorType;
    private final String error;
    private final List<FieldError> fields;

    public ApiException(int status, String errorType, String error, String message, List<FieldError> fields) {
        super(message);
        this.status = status;
        this.errorType = errorType;
        this.error = error;
        this.fields = List.copyOf(fields);
    }

    public static ApiException validation(String location, String name, String message) {
        return new ApiException(400, "validation", "invalid_request", message,
                List.of(new FieldError(location, name, message)));
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "validation", "invalid_request", message, List.of());
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "error", "unauthorized", message, List.of());
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "error", "forbidden", message, List.of());
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "error", "not_found", message, List.of());
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, "error", "too_large", message, List.of());
    }

    public static ApiException timeout(String message) {
        return new ApiException(408, "error", "command_timeout", message, List.of());
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "error", "conflict", message, List.of());
    }

    /** The command the caller gave ran and failed: its own exit code and first error line, not ours. */
    public static ApiException commandFailed(int exitCode, String firstErrorLine) {
        return new ApiException(422, "error", "command_failed", "The command exited with " + exitCode
                + (firstErrorLine.isBlank() ? "" : ": " + firstErrorLine), List.of());
    }

    public static ApiException schedulerError(String message) {
        return new ApiException(500, "error", "scheduler_error", message, List.of());
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }

    public String error() {
        return error;
    }

    public List<FieldError> fields() {
        return fields;
    }
}
