package io.hpcgateway.gateway.cluster;

import io.hpcgateway.gateway.platform.GatewayConfig;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The clusters jobs can go to, for users choosing one ({@code cluster} of a job request). */
@Path("/api/v2/clusters")
@Authenticated
@Tag(name = "clusters")
@SecurityRequirement(name = "bearer")
public class ClusterResource {

    /**
     * A cluster as users see it: {@code status} is the last scheduler poll's outcome (OK, FAILED,
     * or UNKNOWN before the first), without its error details, which are for admins.
     */
    public record ClusterView(String name, String system, boolean isDefault, int gpusPerNode,
                              boolean interactiveSessions, String status, Instant lastPoll) {}

    private final Clusters clusters;
    private final SchedulerPolls polls;
    private final GatewayConfig config;

    ClusterResource(Clusters clusters, SchedulerPolls polls, GatewayConfig config) {
        this.clusters = clusters;
        this.polls = polls;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listClusters", summary = "The clusters, with the last scheduler poll's outcome")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    public List<ClusterView> list() {
        return clusters.all().stream().sorted(Comparator.comparing(Cluster::name)).map(cluster -> {
            var poll = polls.last(cluster.name());
            return new ClusterView(cluster.name(), cluster.system(), cluster.name().equals(config.defaultCluster()),
                    cluster.gpusPerNode(), cluster.interactiveSessions(),
                    poll.map(p -> p.ok() ? "OK" : "FAILED").orElse("UNKNOWN"), poll.map(SchedulerPolls.Poll::at).orElse(null));
        }).toList();
    }
}
