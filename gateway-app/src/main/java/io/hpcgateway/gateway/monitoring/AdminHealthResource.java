package io.hpcgateway.gateway.monitoring;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The health check's report for operators (role admin), as JSON. */
@Path("/api/v2/admin/health")
@Tag(name = "operations")
@SecurityRequirement(name = "bearer")
public class AdminHealthResource {

    /** The database's state and one line per cluster. */
    public record Report(String database, List<Map<String, Object>> clusters) {}

    private final ClusterHealth clusters;
    private final DatabaseHealth database;

    AdminHealthResource(@Readiness ClusterHealth clusters, @Readiness DatabaseHealth database) {
        this.clusters = clusters;
        this.database = database;
    }

    @GET
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "adminHealth", summary = "Database and clusters: connection, authentication, queue "
            + "access, last poll, active jobs")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    @APIResponse(responseCode = "403", description = "Only admins")
    public Report health() {
        return new Report(database.call().getStatus() == HealthCheckResponse.Status.UP ? "OK" : "FAILED",
                clusters.report());
    }
}
