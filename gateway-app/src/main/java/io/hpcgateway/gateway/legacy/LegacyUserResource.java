package io.hpcgateway.gateway.legacy;

import io.hpcgateway.gateway.cluster.Cluster;
import io.hpcgateway.gateway.cluster.ClusterCalls;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.identity.ClusterAccounts;
import io.hpcgateway.gateway.identity.UserAccount;
import io.hpcgateway.gateway.identity.Users;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The original hpc-gateway-app's heartbeat and user registration. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "legacy v1")
public class LegacyUserResource {

    private final Users users;
    private final Clusters clusters;
    private final ClusterCalls calls;
    private final SecurityIdentity identity;
    private final ClusterAccounts accounts;

    LegacyUserResource(Users users, Clusters clusters, ClusterCalls calls, SecurityIdentity identity,
                       ClusterAccounts accounts) {
        this.accounts = accounts;
        this.users = users;
        this.clusters = clusters;
        this.calls = calls;
        this.identity = identity;
    }

    @GET
    @Path("heartbeat")
    @PermitAll
    @Operation(operationId = "legacyHeartbeat", summary = "Whether the application is running (no token needed)",
            extensions = @Extension(name = LegacyRegistration.PROFILE, value = ""))
    public LegacyModels.Message heartbeat() {
        return new LegacyModels.Message("HPC-gateway-App : application running.");
    }

    @PUT
    @Path("api/v1/user/create")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "legacyCreateUser", summary = "Register the caller and create their directory on the "
            + "default cluster (idempotent)",
            extensions = @Extension(name = LegacyRegistration.PROFILE, value = ""))
    @APIResponse(responseCode = "200", description = "Registered (now or before)")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    @APIResponse(responseCode = "503", description = "The cluster does not answer; retry after Retry-After seconds")
    public LegacyModels.User create() {
        UserAccount user = users.current(identity);
        Cluster cluster = clusters.get(null);
        String account = accounts.of(user, cluster.name());
        String home = calls.userHome(cluster, account);
        calls.mkdirs(cluster, account, home);
        return new LegacyModels.User("Success: Create user in database.", user.subject, user.email, user.name, home);
    }
}
