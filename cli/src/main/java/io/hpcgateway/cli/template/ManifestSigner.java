package io.hpcgateway.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.signing.Ed25519;
import io.hpcgateway.signing.Rfc8785;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs a template manifest as the gateway verifies it: Ed25519 over the SHA-256 of the
 * manifest's RFC 8785 canonical JSON, without its {@code signature} block and without null
 * members. The private key is a PKCS#8 file, PEM ({@code openssl genpkey -algorithm ed25519})
 * or DER, and never leaves this machine.
 */
public final class ManifestSigner {

    static final String ALGORITHM = Ed25519.ALGORITHM;
    static final String CANONICALIZATION = "RFC8785";

    private ManifestSigner() {}

    /** The manifest with a fresh signature block. */
    public static ObjectNode sign(ObjectNode manifest, Path keyFile) {
        PrivateKey key = readPrivateKey(keyFile);
        ObjectNode unsigned = manifest.deepCopy();
        unsigned.remove("signature");
        byte[] hash = sha256(canonical(unsigned));
        ObjectNode signed = manifest.deepCopy();
        signed.putObject("signature").put("algorithm", ALGORITHM)
                .put("public_key", Base64.getEncoder().encodeToString(publicKey(key).getEncoded()))
                .put("manifest_hash", HexFormat.of().formatHex(hash))
                .put("value", Base64.getEncoder().encodeToString(Ed25519.sign(key, hash)))
                .put("canonicalization", CANONICALIZATION);
        return signed;
    }

    /** A new key pair: the private key (PEM, 0600) at {@code keyFile}; answers the public key, base64 X.509. */
    public static String generate(Path keyFile) {
        if (Files.exists(keyFile)) {
            throw new CliException(ExitCodes.CONFLICT, keyFile + " exists: choose another file, a key is never overwritten");
        }
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(keyFile, pem);
            return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        } catch (IOException | GeneralSecurityException e) {
            throw new CliException(ExitCodes.USAGE, "Cannot write the key " + keyFile + ": " + e.getMessage());
        }
    }

    static String canonical(JsonNode document) {
        return Rfc8785.canonical(document);
    }

    private static PrivateKey readPrivateKey(Path keyFile) {
        try {
            byte[] content = Files.readAllBytes(keyFile);
            String text = new String(content, StandardCharsets.US_ASCII);
            byte[] der = text.contains("-----BEGIN PRIVATE KEY-----")
                    ? Base64.getMimeDecoder().decode(text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").strip())
                    : content;
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "Cannot read the key " + keyFile + ": " + e.getMessage());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, keyFile + " is no Ed25519 private key (PKCS#8, PEM or DER)");
        }
    }

    /** The public half, derived from the private key (Ed25519: a scalar multiple of the base point). */
    private static PublicKey publicKey(PrivateKey key) {
        try {
            byte[] scalar = ((EdECPrivateKey) key).getBytes().orElseThrow();
            // The JDK derives the public point when it signs; a throwaway generator with a fixed seed gives it to us.
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(scalar));
            return generator.generateKeyPair().getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hands the key generator the private key's own bytes, so it yields that key's public half. */
    private static final class FixedRandom extends java.security.SecureRandom {
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
