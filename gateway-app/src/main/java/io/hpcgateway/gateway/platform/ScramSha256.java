package io.hpcgateway.gateway.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's half of SCRAM-SHA-256 (RFC 5802, RFC 7677) for one user, as the MongoDB driver
 * speaks it: the password never crosses the wire, and the client checks the server's signature
 * too. The salted password is derived once; each conversation costs two HMACs.
 */
final class ScramSha256 {

    /** MongoDB's own iteration count for SCRAM-SHA-256; the driver refuses fewer than 4096. */
    static final int ITERATIONS = 15_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String user;
    private final byte[] salt = new byte[28];
    private final byte[] storedKey;
    private final byte[] serverKey;

    ScramSha256(String user, String password) {
        this.user = user;
        RANDOM.nextBytes(salt);
        byte[] salted = pbkdf2(password, salt);
        this.storedKey = sha256(hmac(salted, "Client Key"));
        this.serverKey = hmac(salted, "Server Key");
    }

    /** One authentication exchange: first message, final message, verdict. */
    final class Conversation {
        private String clientFirstBare;
        private String serverFirst;
        private String nonce;

        /** Answers client-first-message ({@code n,,n=user,r=nonce}); refuses another user. */
        byte[] start(byte[] clientFirst) {
            String message = new String(clientFirst, StandardCharsets.UTF_8);
            if (!message.startsWith("n,,")) {
                throw new IllegalArgumentException("channel binding is not supported");
            }
            clientFirstBare = message.substring(3);
            Map<String, String> fields = fields(clientFirstBare);
            if (!user.equals(unescape(fields.get("n"))) || fields.get("r") == null) {
                throw new IllegalArgumentException("unknown user");
            }
            byte[] mine = new byte[24];
            RANDOM.nextBytes(mine);
            nonce = fields.get("r") + Base64.getEncoder().encodeToString(mine);
            serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + ITERATIONS;
            return serverFirst.getBytes(StandardCharsets.UTF_8);
        }

        /** Checks client-final-message's proof and answers the server's signature, or refuses. */
        byte[] finish(byte[] clientFinal) {
            String message = new String(clientFinal, StandardCharsets.UTF_8);
            int proofAt = message.lastIndexOf(",p=");
            if (serverFirst == null || proofAt < 0) {
                throw new IllegalArgumentException("out of order");
            }
            String withoutProof = message.substring(0, proofAt);
            if (!nonce.equals(fields(withoutProof).get("r"))) {
                throw new IllegalArgumentException("nonce mismatch");
            }
            byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
            byte[] proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
            byte[] signature = hmac(storedKey, authMessage);
            if (proof.length != signature.length) {
                throw new IllegalArgumentException("bad proof");
            }
            byte[] clientKey = new byte[proof.length];
            for (int i = 0; i < proof.length; i++) {
                clientKey[i] = (byte) (proof[i] ^ signature[i]);
            }
            if (!MessageDigest.isEqual(sha256(clientKey), storedKey)) {
                throw new IllegalArgumentException("wrong password");
            }
            return ("v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage)))
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    Conversation conversation() {
        return new Conversation();
    }

    private static Map<String, String> fields(String message) {
        Map<String, String> fields = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() > 2 && part.charAt(1) == '=') {
                fields.put(part.substring(0, 1), part.substring(2));
            }
        }
        return fields;
    }

    private static String unescape(String name) {
        return name == null ? null : name.replace("=2C", ",").replace("=3D", "=");
    }

    private static byte[] pbkdf2(String password, byte[] salt) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is always available", e);
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
