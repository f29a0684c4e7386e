package io.hpcgateway.gateway.cluster;

import io.hpcgateway.gateway.billing.Charges;
import io.hpcgateway.gateway.billing.RateCard;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.hpcgateway.gateway.platform.QueryParams;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

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
                              boolean interactiveSessions, String status, Instant lastPoll,
                              @Schema(description = "Where it is; placement prefers the user's region") String region,
                              String gpuModel,
                              @Schema(description = "Whether jobs that name no cluster may be placed here") boolean placement,
                              @Schema(description = "Its prices, in basis points of the rate card (GET /api/v2/billing/rates)")
                              int rateBps,
                              @Schema(description = "Its capacity as last read (every gateway.placement.capacity-interval)")
                              ClusterCapacity capacity) {}

    /** Seed 002's offering: one partition of one cluster, with its limits, GPUs, region and prices. */
    @Schema(name = "Offering")
    public record Offering(String id, String cluster, String partition, boolean isDefault, String region,
                           int nodes, int cpus, String maxTime, int gpusPerNode, String gpuModel,
                           boolean interactiveSessions, int pending, int running,
                           @Schema(description = "The rate card at this cluster's prices") RateCard rates) {}

    /** A page of offerings, by cluster then partition. */
    @Schema(name = "OfferingPage")
    public record OfferingPage(List<Offering> items, int page, int size, long total) {}

    private final Clusters clusters;
    private final SchedulerPolls polls;
    private final GatewayConfig config;
    private final CapacityRefresh capacity;
    private final Charges charges;

    ClusterResource(Clusters clusters, SchedulerPolls polls, GatewayConfig config, CapacityRefresh capacity,
                    Charges charges) {
        this.clusters = clusters;
        this.polls = polls;
        this.config = config;
        this.capacity = capacity;
        this.charges = charges;
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
                    poll.map(p -> p.ok() ? "OK" : "FAILED").orElse("UNKNOWN"), poll.map(SchedulerPolls.Poll::at).orElse(null),
                    cluster.region().orElse(null), cluster.gpuModel().orElse(null), cluster.placement(), cluster.rateBps(),
                    capacity.of(cluster.name()).orElse(null));
        }).toList();
    }

    @GET
    @Path("/offerings")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listOfferings", summary = "What can be bought where: each partition of each cluster, "
            + "with its limits, GPUs, region, queue and prices (as the capacity refresh last read them)")
    @APIResponse(responseCode = "200", description = "A page of offerings")
    @APIResponse(responseCode = "400", description = "A paging value out of range")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    public OfferingPage offerings(@RestQuery String cluster, @RestQuery String region,
                                  @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String page,
                                  @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String size) {
        int pageNumber = QueryParams.integer("page", page, 0, 0, 100_000);
        int pageSize = QueryParams.integer("size", size, 50, 1, 500);
        List<Offering> all = new ArrayList<>();
        for (Cluster c : clusters.all()) {
            if ((cluster != null && !cluster.equals(c.name()))
                    || (region != null && !region.equalsIgnoreCase(c.region().orElse("")))) {
                continue;
            }
            RateCard rates = charges.rates().scaled(c.rateBps());
            for (ClusterCapacity.PartitionCapacity p : capacity.of(c.name()).map(ClusterCapacity::partitions).orElse(List.of())) {
                all.add(new Offering(c.name() + "/" + p.name(), c.name(), p.name(), p.isDefault(), c.region().orElse(null),
                        p.nodes(), p.cpus(), p.maxTime(), c.gpusPerNode(), c.gpuModel().orElse(null),
                        c.interactiveSessions(), p.pending(), p.running(), rates));
            }
        }
        all.sort(Comparator.comparing(Offering::cluster).thenComparing(Offering::partition));
        int from = Math.min(all.size(), pageNumber * pageSize);
        return new OfferingPage(List.copyOf(all.subList(from, Math.min(all.size(), from + pageSize))), pageNumber,
                pageSize, all.size());
    }
}
