package io.hpcgateway.frontend.status;

import io.hpcgateway.frontend.auth.Caller;
import io.hpcgateway.frontend.platform.OpenApiDefinition;
import io.hpcgateway.frontend.platform.Systems;
import io.hpcgateway.frontend.scheduler.NodeModel;
import io.hpcgateway.frontend.scheduler.PartitionModel;
import io.hpcgateway.frontend.scheduler.ReservationModel;
import io.hpcgateway.frontend.scheduler.Scheduler;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** FirecREST v2 {@code /status}: systems, nodes, partitions, the caller's identity, liveness. */
@Path("/status")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "status")
public class StatusResource {

    public record Systems(List<SystemStatus.SystemInfo> systems) {}

    public record Nodes(List<NodeModel> nodes) {}

    public record Partitions(List<PartitionModel> partitions) {}

    public record Reservations(List<ReservationModel> reservations) {}

    public record UserInfo(AccountIds.Id user, AccountIds.Id group, List<AccountIds.Id> groups) {}

    public record Liveness(String status) {}

    private final SystemStatus status;
    private final Scheduler scheduler;
    private final AccountIds ids;
    private final Caller caller;
    private final io.hpcgateway.frontend.platform.Systems systems;

    StatusResource(SystemStatus status, Scheduler scheduler, AccountIds ids, Caller caller,
                   io.hpcgateway.frontend.platform.Systems systems) {
        this.status = status;
        this.scheduler = scheduler;
        this.ids = ids;
        this.caller = caller;
        this.systems = systems;
    }

    @GET
    @Path("/systems")
    @SecurityRequirement(name = OpenApiDefinition.BEARER)
    @Operation(operationId = "getSystems", summary = "The system, its scheduler and its health")
    public Systems systems() {
        return new Systems(List.of(status.describe(caller.runAs())));
    }

    @GET
    @Path("/{system}/nodes")
    @SecurityRequirement(name = OpenApiDefinition.BEARER)
    @APIResponse(responseCode = "200", description = "The nodes")
    @Operation(operationId = "getNodes", summary = "Compute nodes and their state")
    @APIResponse(responseCode = "404", description = "Unknown system")
    public Nodes nodes(@RestPath String system) {
        systems.require(system);
        return new Nodes(scheduler.nodes(caller.runAs()));
    }

    @GET
    @Path("/{system}/partitions")
    @SecurityRequirement(name = OpenApiDefinition.BEARER)
    @APIResponse(responseCode = "200", description = "The partitions")
    @Operation(operationId = "getPartitions", summary = "Partitions (queues)")
    @APIResponse(responseCode = "404", description = "Unknown system")
    public Partitions partitions(@RestPath String system) {
        systems.require(system);
        return new Partitions(scheduler.partitions(caller.runAs()));
    }

    @GET
    @Path("/{system}/reservations")
    @SecurityRequirement(name = OpenApiDefinition.BEARER)
    @APIResponse(responseCode = "200", description = "The reservations")
    @Operation(operationId = "getReservations", summary = "Advance reservations (scontrol show reservation)")
    @APIResponse(responseCode = "404", description = "Unknown system")
    public Reservations reservations(@RestPath String system) {
        systems.require(system);
        return new Reservations(scheduler.reservations(caller.runAs()));
    }

    @GET
    @Path("/{system}/userinfo")
    @SecurityRequirement(name = OpenApiDefinition.BEARER)
    @APIResponse(responseCode = "200", description = "The caller's identity")
    @Operation(operationId = "getUserInfo", summary = "The caller's name with the ids and groups jobs run under")
    @APIResponse(responseCode = "403", description = "The caller's account does not exist on the cluster or may not be used")
    @APIResponse(responseCode = "404", description = "Unknown system")
    public UserInfo userinfo(@RestPath String system) {
        systems.require(system);
        AccountIds.Identity identity = ids.of(caller.runAs());
        // With a shared service account the ids are that account's; the name is still the caller's.
        return new UserInfo(new AccountIds.Id(identity.user().id(), caller.name()), identity.group(),
                identity.groups());
    }

    @GET
    @Path("/liveness/")
    @PermitAll
    @Operation(operationId = "liveness", summary = "Whether the front end is up (no token needed)")
    public Liveness liveness() {
        return new Liveness("UP");
    }
}
