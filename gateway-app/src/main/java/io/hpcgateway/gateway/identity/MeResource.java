package io.hpcgateway.gateway.identity;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v2/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
@SecurityRequirement(name = "bearer")
public class MeResource {

    public record Me(String subject, String email, String name, String clusterUser, List<String> roles,
                     Instant createdAt) {}

    private final Users users;
    private final SecurityIdentity identity;

    MeResource(Users users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "getMe", summary = "The caller's account, created on first use")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    public Me me() {
        UserAccount account = users.current(identity);
        return new Me(account.subject, account.email, account.name, account.clusterUser,
                List.copyOf(identity.getRoles()), account.createdAt);
    }
}
