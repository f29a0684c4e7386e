package io.hpcgateway.gateway.support;

import io.hpcgateway.devkeys.DevKeyPair;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.Set;

/** Real RS256 tokens, signed with the dev key the test front end and gateway share. */
public final class Tokens {

    private Tokens() {}

    public static String of(String user, String... roles) {
        DevKeyPair.ensure(FrontendProcess.KEYS);
        return Jwt.issuer("hpc-gateway-dev").subject(user).preferredUserName(user).claim("email", user + "@example.org")
                .groups(roles.length == 0 ? Set.of("user") : Set.of(roles))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(3600))
                .sign(DevKeyPair.readPrivateKey(FrontendProcess.KEYS.resolve(DevKeyPair.PRIVATE_KEY_FILE)));
    }
}
