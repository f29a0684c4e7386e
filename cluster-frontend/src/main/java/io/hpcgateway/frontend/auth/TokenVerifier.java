package io.hpcgateway.frontend.auth;

import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.platform.FrontendConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Verifies bearer JWTs offline, as FirecREST does: signature against the trusted PEM keys and
 * JWKS ({@link TrustedKeys}), expiry, optional issuer and audience, at least {@code min-token-ttl} left, and a user
 * name claim that is usable as a directory name.
 */
@Startup
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);

    /** A user name becomes a directory name: letters, digits, dot, dash, underscore, no leading dot. */
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

    /** A verified token: the user it names, and whether it is the gateway's service token. */
    public record Verified(String name, boolean service) {}

    private final JwtConsumer consumer;
    private final FrontendConfig.Auth config;

    TokenVerifier(FrontendConfig frontend) {
        this.config = frontend.auth();
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
                        AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384);
        TrustedKeys keys = TrustedKeys.of(config.publicKeyLocation().orElse(List.of()), config.devKeyDirectory());
        builder.setVerificationKeyResolver(keys);
        config.issuer().ifPresent(builder::setExpectedIssuer);
        config.audience().ifPresentOrElse(builder::setExpectedAudience, builder::setSkipDefaultAudienceValidation);
        this.consumer = builder.build();
        LOG.infof("Bearer tokens are verified with %s; issuer %s, audience %s, user name claim '%s'",
                String.join(", ", keys.locations()), config.issuer().orElse("(any)"),
                config.audience().orElse("(any)"), config.usernameClaim());
    }

    /** Returns the user the token stands for, or throws a 401/400 {@link ApiException}. */
    public Verified verify(String token) {
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            throw ApiException.unauthorized(reason(e));
        }
        try {
            long secondsLeft = claims.getExpirationTime().getValue() - Instant.now().getEpochSecond();
            if (secondsLeft < config.minTokenTtl().toSeconds()) {
                throw ApiException.unauthorized("The token expires in " + secondsLeft + " s; it needs at least "
                        + config.minTokenTtl().toSeconds() + " s left. Fetch a new one.");
            }
            Object user = claims.getClaimValue(config.usernameClaim());
            if (!(user instanceof String name)) {
                throw ApiException.badRequest("The token has no '" + config.usernameClaim() + "' claim naming the user.");
            }
            if (!USER_NAME.matcher(name).matches()) {
                throw ApiException.badRequest("The user name '" + name + "' cannot be used as a directory name.");
            }
            return new Verified(name, roles(claims).contains(config.serviceRole()));
        } catch (MalformedClaimException e) {
            throw ApiException.unauthorized("The token's expiry claim is malformed.");
        }
    }

    /** Roles where identity providers put them: {@code groups}, {@code roles}, Keycloak's {@code realm_access.roles}. */
    private static Set<String> roles(JwtClaims claims) {
        Set<String> roles = new HashSet<>();
        addRoles(roles, claims.getClaimValue("groups"));
        addRoles(roles, claims.getClaimValue("roles"));
        if (claims.getClaimValue("realm_access") instanceof Map<?, ?> realm) {
            addRoles(roles, realm.get("roles"));
        }
        return roles;
    }

    private static void addRoles(Set<String> roles, Object claim) {
        if (claim instanceof Collection<?> values) {
            values.forEach(value -> roles.add(String.valueOf(value)));
        } else if (claim instanceof String single) {
            roles.add(single);
        }
    }

    /** What is wrong with the token, in words the caller can act on, never the verifier's own text. */
    private static String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "The token has expired.";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "The token is not valid: it is not meant for this system (its 'aud' does not name it).";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "The token is not valid: it comes from an issuer this system does not trust.";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "The token is not valid: no trusted key verifies its signature.";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return "The token is not valid: it has no expiry ('exp').";
        }
        return "The token is not valid: send a signed JWT as 'Authorization: Bearer <token>'.";
    }
}
