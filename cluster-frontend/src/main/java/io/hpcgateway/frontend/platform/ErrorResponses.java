package io.hpcgateway.frontend.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.hpcgateway.frontend.auth.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into one JSON error body. It carries FirecREST's fields ({@code errorType},
 * {@code message}, {@code data.fields}, {@code user}) so FirecREST clients read it unchanged, and
 * the project's own ({@code error}, {@code message}, {@code details}). Unexpected exceptions are
 * logged here and answered with a 500 that reveals no internals.
 */
public class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    /** The error body; {@code details} and {@code data} hold the same field list. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorBody(String errorType, String error, String message, Map<String, Object> details,
                            Map<String, Object> data, String user) {}

    @Inject
    Caller caller;

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return respond(e.status(), e.errorType(), e.error(), e.getMessage(), e.fields());
    }

    /** A body that is JSON but not of the route's shape (or cut short); replaces Quarkus' built-in answer. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        String field = e.getPath().stream().map(ref -> ref.getFieldName() == null ? "[" + ref.getIndex() + "]"
                : ref.getFieldName()).reduce((a, b) -> a + "." + b).orElse("body");
        String message = "The request body is not valid JSON of the documented shape at '" + field + "': it holds a "
                + "value of another type than the one documented for it (see /q/openapi)";
        return respond(400, "validation", "invalid_json", message,
                List.of(new ApiException.FieldError("body", field, message)));
    }

    /** A multipart body the form parser could not finish (no closing boundary, another boundary, empty). */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().contains(".multipart.")) {
                    return respond(400, "validation", "invalid_multipart", "The multipart/form-data body is malformed "
                            + "or cut short: send the part 'file', opened by the boundary of the Content-Type header, "
                            + "and the closing boundary.", List.of());
                }
            }
        }
        return unexpected(e);
    }

    @ServerExceptionMapper
    public Response webApplicationException(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        ErrorBody body = body(status, caller.nameOrNull());
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        LOG.error("unexpected failure", e);
        return respond(500, "error", "internal_error", "The front end failed to answer this request.", List.of());
    }

    /** The error body for a status the framework chose, with a message that says what to fix. */
    static ErrorBody body(int status, String user) {
        String error;
        String message;
        switch (status) {
            case 400 -> {
                error = "invalid_request";
                message = "The request is malformed: check that the body is valid JSON of the documented shape "
                        + "and that parameters have the documented types.";
            }
            case 404 -> {
                error = "not_found";
                message = "No such route or resource; see /q/openapi for the routes.";
            }
            case 405 -> {
                error = "method_not_allowed";
                message = "This route does not take that HTTP method; see /q/openapi.";
            }
            case 406 -> {
                error = "not_acceptable";
                message = "This route cannot answer in the media type the Accept header asks for.";
            }
            case 413 -> {
                error = "too_large";
                message = "The request body is larger than this front end accepts.";
            }
            case 414 -> {
                error = "uri_too_long";
                message = "The request's URL is longer than this front end accepts.";
            }
            case 415 -> {
                error = "unsupported_media_type";
                message = "This route does not take that Content-Type; see /q/openapi.";
            }
            case 431 -> {
                error = "headers_too_large";
                message = "The request's headers are larger than this front end accepts.";
            }
            default -> {
                error = status >= 500 ? "internal_error" : "request_failed";
                message = status >= 500 ? "The front end failed to answer this request." : "The request failed.";
            }
        }
        return new ErrorBody(status < 500 && status != 404 ? "validation" : "error", error, message, null, null, user);
    }

    private Response respond(int status, String errorType, String error, String message,
                             List<ApiException.FieldError> fields) {
        Map<String, Object> details = fields.isEmpty() ? null : Map.of("fields", fields);
        ErrorBody body = new ErrorBody(errorType, error, message, details, details, caller.nameOrNull());
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
