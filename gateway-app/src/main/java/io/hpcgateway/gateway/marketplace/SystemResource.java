package io.hpcgateway.gateway.marketplace;

import io.hpcgateway.gateway.platform.GatewayConfig;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** MarketPlace standard app API: the system routes. */
@Path("/")
@Tag(name = "System", description = "MarketPlace standard app API: availability and description")
public class SystemResource {

    /** What {@code GET /info} tells a MarketPlace user about this gateway. */
    public record Info(String name, String version, String description, List<String> clusters,
                       String defaultCluster, Map<String, String> apis) {}

    private final GatewayConfig config;
    private final String name;
    private final String version;

    SystemResource(GatewayConfig config,
                   @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.config = config;
        this.name = config.marketplace().applicationName();
        this.version = version;
    }

    @GET
    @Path("health")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "heartbeat", summary = "Whether the application is running (no token needed)",
            extensions = @Extension(name = MarketplaceDocument.PROFILE, value = ""))
    @APIResponse(responseCode = "200", description = "Running")
    public String health() {
        return "<html><body>OK</body></html>";
    }

    @GET
    @Path("info")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "getInfo", summary = "What this gateway offers: its clusters and APIs",
            extensions = @Extension(name = MarketplaceDocument.PROFILE, value = ""))
    @APIResponse(responseCode = "200", description = "The description")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    public Info info() {
        return new Info(name, version, "Runs jobs on SLURM clusters: transformations are batch jobs, each job "
                + "folder is a data collection", config.clusters().keySet().stream().sorted().toList(),
                config.defaultCluster(), Map.of("native", "/api/v2", "legacy", "/api/v1",
                "standard", "/transformations, /data"));
    }
}
