package io.hpcgateway.gateway.identity;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.placement.Regions;
import io.hpcgateway.gateway.platform.ApiException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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
                     Map<String, String> clusterAccounts, List<String> roles, Instant createdAt,
                     @Schema(description = "Where the user is: placement prefers clusters in this region") String region) {}

    /** The fields a user may change about themselves. */
    @Schema(name = "MeUpdate")
    public record Update(@Schema(description = "A region name (eu-central), or null to clear it") String region) {}

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
                List.copyOf(identity.getRoles()), account.createdAt, account.region);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateMe", summary = "Change the caller's region (what placement measures proximity from)")
    @APIResponse(responseCode = "200", description = "The account as it is now")
    @APIResponse(responseCode = "400", description = "Not a region name")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    public Me update(@RequestBody(content = @Content(schema = @Schema(implementation = Update.class)))
                     Map<String, Object> update) {
        // Read as a map so that a field that cannot be changed here is refused, not silently ignored.
        if (update == null || update.keySet().stream().anyMatch(key -> !key.equals("region"))) {
            throw ApiException.badRequest("body", "The body must be a JSON object with only 'region', such as "
                    + "{\"region\": \"eu-central\"}");
        }
        if (update.get("region") != null && !(update.get("region") instanceof String)) {
            throw ApiException.badRequest("region", "'region' must be a string, or null to clear it");
        }
        UserAccount account = users.current(identity);
        UserAccount.mongoCollection().updateOne(Filters.eq("_id", account.subject),
                Updates.set("region", Regions.check("region", (String) update.get("region"))));
        return me();
    }
}
