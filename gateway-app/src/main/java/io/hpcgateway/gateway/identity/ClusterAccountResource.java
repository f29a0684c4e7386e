package io.hpcgateway.gateway.identity;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Admins map users to Unix accounts explicitly, for sites whose account names come from a directory. */
@Path("/api/v2/admin/cluster-accounts")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "Only admins")
public class ClusterAccountResource {

    /** Body of a mapping: the token subject of the user the account is for. */
    public record Mapping(String subject) {}

    private final ClusterAccounts accounts;
    private final SecurityIdentity identity;

    ClusterAccountResource(ClusterAccounts accounts, SecurityIdentity identity) {
        this.accounts = accounts;
        this.identity = identity;
    }

    /** The acting admin, by subject as every audit record names people. */
    private String admin() {
        return ((JsonWebToken) identity.getPrincipal()).getSubject();
    }

    @GET
    @Operation(operationId = "listClusterAccounts", summary = "Who each cluster account belongs to; cluster, subject")
    public List<ClusterAccount> list(@RestQuery String cluster, @RestQuery String subject) {
        return accounts.list(cluster, subject);
    }

    @PUT
    @Path("/{cluster}/{unixName}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "mapClusterAccount",
            summary = "Give the Unix account on the cluster to a user (replacing their earlier one there)")
    @APIResponse(responseCode = "200", description = "Mapped")
    @APIResponse(responseCode = "400", description = "Unknown cluster, not a Unix name, or no subject")
    @APIResponse(responseCode = "409", description = "The account belongs to another user; unmap it first")
    public ClusterAccount map(@RestPath String cluster, @RestPath String unixName, Mapping mapping) {
        return accounts.map(cluster, unixName, mapping == null ? null : mapping.subject(),
                admin());
    }

    @DELETE
    @Path("/{cluster}/{unixName}")
    @Operation(operationId = "unmapClusterAccount", summary = "Free a cluster account (its jobs keep running as it)")
    @APIResponse(responseCode = "204", description = "Freed")
    @APIResponse(responseCode = "404", description = "No such mapping")
    public Response unmap(@RestPath String cluster, @RestPath String unixName) {
        accounts.unmap(cluster, unixName, admin());
        return Response.noContent().build();
    }
}
