package io.hpcgateway.cli.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.http.Gateway;
import io.hpcgateway.devkeys.DevKeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Tokens of the embedded default (gateway.auth.mode=dev): RS256 JWTs signed with its dev key,
 * the same claims {@code deploy/local/dev-token.sh} writes. Only whoever can read that key (the
 * account that runs the local gateway) can make them; production gateways take their identity
 * provider's tokens instead, and refuse these.
 */
public final class DevTokens {

    static final String ISSUER = "hpc-gateway-dev";
    private static final long TTL_SECONDS = 3600;
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

    private DevTokens() {}

    /** The embedded default's key directory: {@code ~/.hpc-gateway/keys}, as run.sh makes it. */
    public static Path defaultKeyDirectory(String home) {
        return Path.of(home, ".hpc-gateway", "keys");
    }

    /** A fresh session for {@code user} with these comma-separated roles. */
    public static ObjectNode session(String user, String roles, Path keyDirectory) {
        if (!USER.matcher(user).matches()) {
            throw new CliException(ExitCodes.USAGE, "A dev user name is letters, digits, '.', '_' and '-'");
        }
        Path keyFile = keyDirectory.resolve(DevKeyPair.PRIVATE_KEY_FILE);
        if (!Files.isReadable(keyFile)) {
            throw new CliException(ExitCodes.AUTH, "No readable dev key at " + keyFile + ": start the local gateway "
                    + "(deploy/local/run.sh) first, or name its key directory with --dev-key-dir");
        }
        long now = Instant.now().getEpochSecond();
        ObjectNode header = Gateway.JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", ISSUER);
        ObjectNode claims = Gateway.JSON.createObjectNode().put("iss", ISSUER).put("sub", user)
                .put("preferred_username", user).put("name", user).put("email", user + "@localhost")
                .put("iat", now).put("exp", now + TTL_SECONDS);
        ArrayNode groups = claims.putArray("groups");
        for (String role : roles.split(",")) {
            if (!role.isBlank()) {
                groups.add(role.strip());
            }
        }
        String signingInput = base64(header.toString()) + "." + base64(claims.toString());
        String token = signingInput + "." + sign(DevKeyPair.readPrivateKey(keyFile), signingInput);
        return Gateway.JSON.createObjectNode().put("kind", "dev").put("access_token", token)
                .put("expires_at", now + TTL_SECONDS).put("user", user).put("dev_user", user).put("dev_roles", roles)
                .put("dev_key_dir", keyDirectory.toAbsolutePath().toString());
    }

    private static String sign(PrivateKey key, String input) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new CliException(ExitCodes.AUTH, "Cannot sign with the dev key: " + e.getMessage());
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
