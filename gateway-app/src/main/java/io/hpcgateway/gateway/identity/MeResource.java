package io.hpcgateway.gateway.identity;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import io.hpcgateway.gateway.cluster.Clusters;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /**
     * {@code clusterUser}: the caller's account on the default cluster once it is theirs, else the
     * name their token proposes (null when it proposes none); {@code clusterAccounts}: every
     * account that is theirs, by cluster.
     */
    public record Me(String subject, String email, String name, String clusterUser,
                     Map<String, String> clusterAccounts, List<String> roles, Instant createdAt) {}

    private final Users users;
    private final ClusterAccounts accounts;
    private final Clusters clusters;
    private final SecurityIdentity identity;

    MeResource(Users users, ClusterAccounts accounts, Clusters clusters, SecurityIdentity identity) {
        this.users = users;
        this.accounts = accounts;
        this.clusters = clusters;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "getMe", summary = "The caller's account, created on first use")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    public Me me() {
        UserAccount account = users.current(identity);
        Map<String, String> held = new TreeMap<>();
        accounts.list(null, account.subject).forEach(mapped -> held.put(mapped.cluster, mapped.unixName));
        String onDefault = held.getOrDefault(clusters.get(null).name(), account.clusterUser);
        return new Me(account.subject, account.email, account.name, onDefault, held,
                List.copyOf(identity.getRoles()), account.createdAt);
    }
}
