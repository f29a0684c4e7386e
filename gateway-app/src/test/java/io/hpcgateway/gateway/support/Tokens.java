package io.hpcgateway.gateway.support;

import io.hpcgateway.devkeys.DevKeyPair;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Real RS256 tokens, signed with the dev key the test front end and gateway share. */
public final class Tokens {

    private Tokens() {}

    public static String of(String user, String... roles) {
        return sign(Jwt.issuer("hpc-gateway-dev").subject(user).preferredUserName(user)
                .claim("email", user + "@example.org").groups(roles.length == 0 ? Set.of("user") : Set.of(roles)));
    }

    /** A token with exactly the claims given (and a fresh expiry), for the identity rules. */
    public static String withClaims(Map<String, Object> claims) {
        return sign(Jwt.claims(claims).issuer("hpc-gateway-dev"));
    }

    /** A token with these claims whose JOSE header declares {@code typ} (RFC 9068's {@code at+jwt}, say). */
    public static String withHeaderType(Map<String, Object> claims, String typ) {
        DevKeyPair.ensure(FrontendProcess.KEYS);
        return Jwt.claims(claims).issuer("hpc-gateway-dev").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(3600)).jws().header("typ", typ)
                .sign(DevKeyPair.readPrivateKey(FrontendProcess.KEYS.resolve(DevKeyPair.PRIVATE_KEY_FILE)));
    }

    private static String sign(JwtClaimsBuilder claims) {
        DevKeyPair.ensure(FrontendProcess.KEYS);
        return claims.issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(3600))
                .sign(DevKeyPair.readPrivateKey(FrontendProcess.KEYS.resolve(DevKeyPair.PRIVATE_KEY_FILE)));
    }
}
