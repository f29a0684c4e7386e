package io.hpcgateway.gateway.identity;

import io.quarkus.security.AuthenticationFailedException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * A well-signed token the gateway still does not accept; the message tells the caller which rule
 * it broke. Travels as the cause of the (final) {@link AuthenticationFailedException}.
 */
public class TokenRefused extends RuntimeException {

    public TokenRefused(String message) {
        super(message, null, false, false);
    }

    AuthenticationFailedException asAuthenticationFailure() {
        return new AuthenticationFailedException(getMessage(), this);
    }

    /**
     * What was wrong with the token, in words the caller can act on: the gateway's own rule, or the
     * verifier's finding (expired, another audience or issuer, a signature no trusted key makes),
     * never the verifier's own text. Null when nothing more specific is known.
     */
    public static String messageOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TokenRefused refused) {
                return refused.getMessage();
            }
            if (t instanceof InvalidJwtException invalid) {
                return describe(invalid);
            }
        }
        return null;
    }

    private static String describe(InvalidJwtException invalid) {
        if (invalid.hasExpired()) {
            return "The token has expired; get a new one from the identity provider.";
        }
        if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "The token is not meant for this gateway: its 'aud' claim does not name it. Get the token "
                    + "through a client whose tokens carry the gateway's audience.";
        }
        if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "The token comes from an issuer this gateway does not trust.";
        }
        if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || invalid.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "The token's signature does not verify with the identity provider's keys.";
        }
        return null;
    }
}
