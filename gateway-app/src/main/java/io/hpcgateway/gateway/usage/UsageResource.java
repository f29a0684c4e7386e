package io.hpcgateway.gateway.usage;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.hpcgateway.gateway.identity.UserAccount;
import io.hpcgateway.gateway.identity.Users;
import io.hpcgateway.gateway.platform.Ed25519Keys;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.hpcgateway.gateway.platform.QueryParams;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** Signed usage records: batched export for providers, own records for users. */
@Path("/api/v2/usage")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "usage")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
public class UsageResource {

    public record SigningKey(String algorithm,
                             @Schema(description = "Base64 X.509 SubjectPublicKeyInfo") String publicKey,
                             String keyId, String providerId, String signedContent) {}

    private final UsageStore store;
    private final UsageSigner signer;
    private final Users users;
    private final SecurityIdentity identity;
    private final String providerId;

    UsageResource(UsageStore store, UsageSigner signer, Users users, SecurityIdentity identity,
                  GatewayConfig config) {
        this.store = store;
        this.signer = signer;
        this.users = users;
        this.identity = identity;
        this.providerId = config.usage().providerId();
    }

    @GET
    @Operation(operationId = "exportUsage", summary = "Usage records written at or after 'since', oldest first",
            description = "Providers and admins get every customer's records, users their own. To page, pass the "
                    + "last record's timestamp as 'since' and skip the record ids already seen.")
    @APIResponse(responseCode = "400", description = "'since' is not an ISO-8601 instant, or 'limit' is out of 1..1000")
    public List<UsageRecordView> export(@RestQuery String since, @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String limit) {
        UserAccount user = users.current(identity);
        boolean everyone = identity.hasRole("provider") || identity.hasRole("admin");
        return store.since(everyone ? null : user.subject, QueryParams.instant("since", since),
                QueryParams.limit(limit, 100, 1000)).stream().map(UsageRecordView::of).toList();
    }

    @GET
    @Path("/signing-key")
    @Operation(operationId = "getUsageSigningKey", summary = "The provider's public key that signs usage records")
    public SigningKey signingKey() {
        return new SigningKey(Ed25519Keys.ALGORITHM, signer.publicKey(), signer.keyId(), providerId,
                "Ed25519 over the UTF-8 canonical JSON of the record without 'signature': keys sorted at every "
                        + "level, no whitespace, null members left out, numbers in plain notation without trailing zeros");
    }
}
