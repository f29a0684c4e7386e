package io.hpcgateway.frontend.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/** Real RS256 tokens signed with the dev key the front end generated for the test profile. */
public final class TestTokens {

    private static final Path KEY = Path.of("target/frontend-test-data/keys/dev-signing-key.pem");
    private static final Path CLUSTER_KEY = Path.of("target/frontend-test-data/keys/cluster-signing-key.pem");

    private TestTokens() {}

    public static String valid(String user) {
        return sign(claims(user, 3600), devKey());
    }

    public static String expiringIn(String user, long seconds) {
        return sign(claims(user, seconds), devKey());
    }

    /** Signed as the gateway signs its calls, with its cluster key (the front end's default trusts it too). */
    public static String signedWithTheClusterKey(String user) {
        return sign(claims(user, 3600), key(CLUSTER_KEY));
    }

    public static String signedByAnotherKey(String user) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(claims(user, 3600), generator.generateKeyPair().getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The gateway's service token: its name, and the role the front end reads as the service identity. */
    public static String service() {
        JwtClaims claims = claims("hpc-gateway", 3600);
        claims.setStringListClaim("groups", "hpcgw-service");
        return sign(claims, devKey());
    }

    public static String withoutUserName() {
        JwtClaims claims = claims("x", 3600);
        claims.unsetClaim("preferred_username");
        return sign(claims, devKey());
    }

    private static JwtClaims claims(String user, long ttlSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("hpc-gateway-dev");
        claims.setSubject(user);
        claims.setClaim("preferred_username", user);
        claims.setIssuedAtToNow();
        NumericDate exp = NumericDate.now();
        exp.addSeconds(ttlSeconds);
        claims.setExpirationTime(exp);
        return claims;
    }

    private static String sign(JwtClaims claims, PrivateKey key) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey devKey() {
        return key(KEY);
    }

    private static PrivateKey key(Path file) {
        try {
            String pem = Files.readString(file).replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("The front end did not generate " + file.toAbsolutePath(), e);
        }
    }
}
