package io.hpcgateway.gateway.identity;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.hpcgateway.devkeys.DevKeyPair;
import io.hpcgateway.gateway.platform.ApiException;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The embedded default's development login: whoever reaches a gateway in {@code dev} auth mode
 * may act as any user with any role, which is what that mode already means for anyone who can
 * read its dev key. In {@code oidc} mode the route answers exactly as a route that does not exist.
 */
@Path("/api/v2/dev/login")
@PermitAll
@Tag(name = "identity")
public class DevLoginResource {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");
    private static final Set<String> ROLES = Set.of("user", "provider", "admin");

    /** Who to log in as, with which roles (user when none). */
    public record DevLogin(String user, List<String> roles) {}

    /** A bearer token, as a token endpoint answers. */
    public record DevToken(@JsonProperty("access_token") String accessToken,
                           @JsonProperty("token_type") String tokenType,
                           @JsonProperty("expires_in") long expiresIn) {}

    private final GatewayConfig.Auth config;

    DevLoginResource(GatewayConfig config) {
        this.config = config.auth();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "devLogin", summary = "Development login: a dev token for any user (dev auth mode only)",
            description = "Only on a gateway with gateway.auth.mode=dev (the embedded default); in oidc mode this "
                    + "route does not exist (404). The token is signed with the dev key, as deploy/local/dev-token.sh "
                    + "signs them.")
    @APIResponse(responseCode = "200", description = "The token")
    @APIResponse(responseCode = "400", description = "The user name or a role is invalid; details.field names it")
    @APIResponse(responseCode = "404", description = "Not a dev-mode gateway, or gateway.auth.dev-login=false")
    public DevToken login(DevLogin request) {
        if (config.mode() != GatewayConfig.Auth.Mode.DEV || !config.devLogin()) {
            throw new ApiException(404, "not_found", "No such route or resource; see /q/openapi.", Map.of());
        }
        if (request == null || request.user() == null || !USER.matcher(request.user()).matches()) {
            throw ApiException.badRequest("user", "'user' is a name of letters, digits, '.', '_' and '-' "
                    + "(up to 64, not starting with '.' or '-')");
        }
        Set<String> roles = new LinkedHashSet<>(request.roles() == null || request.roles().isEmpty()
                ? List.of("user") : request.roles());
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw ApiException.badRequest("roles", "Roles are user, provider and admin; '" + role + "' is none");
            }
        }
        Instant now = Instant.now();
        long ttl = config.devLoginTokenTtl().toSeconds();
        String token = Jwt.issuer(DevTokenTenant.DEV_ISSUER).subject(request.user())
                .preferredUserName(request.user()).claim("name", request.user())
                .claim("email", request.user() + "@localhost").groups(roles).issuedAt(now).expiresAt(now.plusSeconds(ttl))
                .jws().keyId(DevTokenTenant.DEV_ISSUER)
                .sign(DevKeyPair.readPrivateKey(config.devKeyDirectory().resolve(DevKeyPair.PRIVATE_KEY_FILE)));
        return new DevToken(token, "Bearer", ttl);
    }
}
