package io.hpcgateway.gateway.template;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Admins register the keys providers sign their templates with (seed 000's publisher identity). */
@Path("/api/v2/admin/provider-keys")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "templates")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "Only admins")
public class ProviderKeyResource {

    /** Body of a registration: the provider's Ed25519 public key, base64 X.509. */
    public record Registration(String publicKey) {}

    private final ProviderKeys keys;
    private final SecurityIdentity identity;

    ProviderKeyResource(ProviderKeys keys, SecurityIdentity identity) {
        this.keys = keys;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "listProviderKeys", summary = "Registered provider signing keys; optionally one provider's")
    public List<ProviderKey> list(@RestQuery String provider) {
        return keys.list(provider);
    }

    @PUT
    @Path("/{provider}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerProviderKey", summary = "Register a signing key to a provider (by subject)")
    @APIResponse(responseCode = "200", description = "Registered (or already registered to this provider)")
    @APIResponse(responseCode = "400", description = "Not an Ed25519 public key, or no provider")
    @APIResponse(responseCode = "409", description = "The key belongs to another provider, or was revoked")
    public ProviderKey register(@RestPath String provider, Registration registration) {
        return keys.register(provider, registration == null ? null : registration.publicKey(), admin());
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(operationId = "revokeProviderKey", summary = "Revoke a key: no new template signed with it is accepted")
    @APIResponse(responseCode = "200", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such key")
    public ProviderKey revoke(@RestPath String keyId) {
        return keys.revoke(keyId, admin());
    }

    private String admin() {
        return ((JsonWebToken) identity.getPrincipal()).getSubject();
    }
}
