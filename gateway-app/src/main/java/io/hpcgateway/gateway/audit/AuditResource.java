package io.hpcgateway.gateway.audit;

import io.hpcgateway.gateway.platform.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** The audit log for admins. */
@Path("/api/v2/audit")
@Tag(name = "operations")
@SecurityRequirement(name = "bearer")
public class AuditResource {

    private final AuditLog log;

    AuditResource(AuditLog log) {
        this.log = log;
    }

    @GET
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAuditEvents", summary = "Audit events, newest first; type, job, since (ISO-8601), limit")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    @APIResponse(responseCode = "403", description = "Only admins")
    public List<AuditEvent> list(@RestQuery String type, @RestQuery String job, @RestQuery String since,
                                 @RestQuery Integer limit) {
        int count = limit == null ? 100 : limit;
        if (count < 1 || count > 1000) {
            throw ApiException.badRequest("limit", "'limit' must be between 1 and 1000");
        }
        return log.query(type, job, instant(since), count);
    }

    private static Instant instant(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("since", "'since' must be an ISO-8601 instant, e.g. 2026-01-15T10:00:00Z");
        }
    }
}
