package io.hpcgateway.gateway.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.hpcgateway.gateway.identity.TokenRefused;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * One JSON error shape, {@code {error, message, details}}, for every failure: the gateway's own,
 * the framework's (malformed JSON, unknown route, wrong media type) and security's (401, 403).
 * Unexpected exceptions are logged here and answered 500 without internals.
 */
public class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    private final Event<RequestRefused> refusals;
    private final RequestLimits limits;

    ErrorResponses(Event<RequestRefused> refusals, RequestLimits limits) {
        this.refusals = refusals;
        this.limits = limits;
    }

    public record ErrorBody(String error, String message, Map<String, Object> details) {}

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response.ResponseBuilder response = respond(e.status(), e.error(), e.getMessage(), e.details());
        Object retryAfter = e.details().get("retryAfterSeconds");
        return (retryAfter == null ? response : response.header("Retry-After", retryAfter)).build();
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        String field = e.getPath().stream().map(ref -> ref.getFieldName() == null ? "[" + ref.getIndex() + "]"
                : ref.getFieldName()).reduce((a, b) -> a + "." + b).orElse("body");
        return respond(400, "invalid_json", "The body is not JSON of the documented shape at '" + field + "': "
                + JsonTypes.expected(e.getTargetType()) + " is expected there (see /q/openapi)", Map.of("field", field))
                .build();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
        return respond(400, "invalid_json", "The body is not valid JSON" + where + ".", Map.of()).build();
    }

    /**
     * The body ended before its multipart form did (no closing boundary, another boundary, an
     * empty body): the client's fault, answered as such and not logged as a failure.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e) {
        if (MultipartFailures.isMalformedForm(e)) {
            return respond(400, "invalid_multipart", "The multipart/form-data body is malformed or cut short: send "
                    + "its parts, each opened by the boundary of the Content-Type header, and the closing boundary.",
                    Map.of()).build();
        }
        return unexpected(e);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        try {
            limits.anonymous(); // a request without a valid token counts against its address
        } catch (ApiException overLimit) {
            return apiException(overLimit);
        }
        String refused = TokenRefused.messageOf(e);
        return respond(401, "unauthorized", refused != null ? refused
                : "Send a valid bearer token: 'Authorization: Bearer <token>'.", Map.of()).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(403, "forbidden", "Your token's roles do not allow this.", Map.of()).build();
    }

    @ServerExceptionMapper
    public Response webApplicationException(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        ErrorBody body = framework(status);
        return respond(status, body.error(), body.message(), Map.of()).build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        LOG.error("unexpected failure", e);
        return respond(500, "internal_error", "The gateway failed to answer this request.", Map.of()).build();
    }

    /**
     * Framework answers that never reach a mapper (the JSON reader's 400, an unmatched route) get
     * the shape too; and every refused request is announced, for the audit log.
     */
    @ServerResponseFilter
    public void errors(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() >= 400 && !response.hasEntity()) {
            response.setEntity(framework(response.getStatus()), null, MediaType.APPLICATION_JSON_TYPE);
        }
        if (response.getStatus() >= 400 && response.getStatus() < 500) {
            Principal caller = request.getSecurityContext() == null ? null
                    : request.getSecurityContext().getUserPrincipal();
            String error = response.getEntity() instanceof ErrorBody body ? body.error() : null;
            refusals.fire(new RequestRefused(response.getStatus(), error, request.getMethod(),
                    request.getUriInfo().getPath(), caller == null ? null : caller.getName()));
        }
    }

    static ErrorBody framework(int status) {
        return switch (status) {
            case 400 -> new ErrorBody("invalid_request", "The request is malformed: check that the body is valid "
                    + "JSON of the documented shape and that parameters have the documented types.", Map.of());
            case 401 -> new ErrorBody("unauthorized", "Send a valid bearer token: 'Authorization: Bearer <token>'.",
                    Map.of());
            case 403 -> new ErrorBody("forbidden", "Your token's roles do not allow this.", Map.of());
            case 404 -> new ErrorBody("not_found", "No such route or resource; see /q/openapi.", Map.of());
            case 405 -> new ErrorBody("method_not_allowed", "This route does not take that method; see /q/openapi.",
                    Map.of());
            case 413 -> new ErrorBody("too_large", "The request body is larger than the gateway accepts.", Map.of());
            case 414 -> new ErrorBody("uri_too_long", "The request's URL is longer than the gateway accepts.", Map.of());
            case 415 -> new ErrorBody("unsupported_media_type", "This route does not take that Content-Type.", Map.of());
            case 416 -> new ErrorBody("range_not_satisfiable", "The Range asks for bytes the file does not have.",
                    Map.of());
            case 431 -> new ErrorBody("headers_too_large", "The request's headers are larger than the gateway accepts.",
                    Map.of());
            default -> new ErrorBody(status >= 500 ? "internal_error" : "request_failed",
                    status >= 500 ? "The gateway failed to answer this request." : "The request failed.", Map.of());
        };
    }

    private static Response.ResponseBuilder respond(int status, String error, String message, Map<String, Object> details) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(error, message, details));
    }
}
