package io.hpcgateway.gateway.audit;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.hpcgateway.gateway.platform.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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
                                 @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String limit) {
        return log.query(type, job, QueryParams.instant("since", since), QueryParams.limit(limit, 100, 1000));
    }
}
