package io.hpcgateway.gateway.identity;

import io.hpcgateway.gateway.platform.GatewayConfig;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What a verified token must also be to act at the gateway, in both auth modes (signature, expiry,
 * issuer and audience are the verifier's): it names a subject; it is an access token, not an ID
 * or refresh token; a client's service account is one the provider configured; and the caller's
 * roles are exactly those of the configured role claims, or, for a service account, those its
 * client is given. A token that breaks a rule is answered 401 saying which.
 */
@ApplicationScoped
public class TokenPolicy implements SecurityIdentityAugmentor {

    private static final Pattern HEADER_TYP = Pattern.compile("\"typ\"\\s*:\\s*\"([^\"]*)\"");
    /** The JOSE header's generic value, which says nothing about the token's use. */
    private static final String GENERIC_JWT = "JWT";

    private final GatewayConfig.Auth config;
    private final RoleClaims roleClaims;

    TokenPolicy(GatewayConfig config) {
        this.config = config.auth();
        this.roleClaims = new RoleClaims(this.config.roleClaims());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        try {
            return Uni.createFrom().item(rebuild(identity, token, roles(token)));
        } catch (TokenRefused refused) {
            return Uni.createFrom().failure(refused.asAuthenticationFailure());
        }
    }

    private Set<String> roles(JsonWebToken token) {
        if (token.getSubject() == null || token.getSubject().isBlank()) {
            throw new TokenRefused("The token has no 'sub' claim: it names no one.");
        }
        requireAccessToken(token);
        Optional<String> client = ServiceAccounts.clientOf(token);
        if (client.isEmpty()) {
            return roleClaims.of(token);
        }
        GatewayConfig.Auth.ServiceClient allowed = config.serviceClients().get(client.get());
        if (allowed == null) {
            throw new TokenRefused("This is the service account of client '" + client.get() + "', which may not use "
                    + "this gateway; a provider allows it with gateway.auth.service-clients." + client.get()
                    + ".roles.");
        }
        return Set.copyOf(allowed.roles());
    }

    private void requireAccessToken(JsonWebToken token) {
        List<String> declared = new ArrayList<>();
        String claim = ServiceAccounts.text(token, "typ");
        if (claim != null) {
            declared.add(claim);
        }
        headerType(token.getRawToken()).filter(typ -> !GENERIC_JWT.equalsIgnoreCase(typ)).ifPresent(declared::add);
        if (declared.isEmpty()) {
            if (config.mode() == GatewayConfig.Auth.Mode.OIDC && config.requireTokenType()) {
                throw new TokenRefused("The token does not say it is an access token (no 'typ'); send an access token.");
            }
            return;
        }
        for (String type : declared) {
            if (config.tokenTypes().stream().noneMatch(type::equalsIgnoreCase)) {
                throw new TokenRefused("The token is of type '" + type + "'; only access tokens ("
                        + String.join(", ", config.tokenTypes()) + ") are accepted as bearer tokens.");
            }
        }
    }

    private static Optional<String> headerType(String raw) {
        int dot = raw == null ? -1 : raw.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            Matcher typ = HEADER_TYP.matcher(new String(Base64.getUrlDecoder().decode(raw.substring(0, dot)),
                    StandardCharsets.UTF_8));
            return typ.find() ? Optional.of(typ.group(1)) : Optional.empty();
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty(); // the verifier already read it; nothing more to learn here
        }
    }

    private static SecurityIdentity rebuild(SecurityIdentity identity, JsonWebToken token, Set<String> roles) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder().setPrincipal(token)
                .addCredentials(identity.getCredentials()).addRoles(roles).setAnonymous(false);
        identity.getAttributes().forEach(builder::addAttribute);
        return builder.build();
    }
}
