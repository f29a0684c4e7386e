package io.hpcgateway.gateway.platform;

import io.hpcgateway.signing.Ed25519;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Ed25519 (the JDK's own EdDSA) key pairs and signatures, for the gateway's signed documents:
 * built-in templates and usage records. A key lives as a PKCS#8 private key (owner-only file) with
 * its X.509 public key beside it ({@code .pub}), created on first use and never committed.
 */
public final class Ed25519Keys {

    public static final String ALGORITHM = Ed25519.ALGORITHM;

    private Ed25519Keys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] message) {
        return Ed25519.sign(key, message);
    }

    /** Whether the signature holds; false as well for an unreadable key or signature. */
    public static boolean verify(String publicKeyBase64, byte[] message, String signatureBase64) {
        return Ed25519.verify(publicKeyBase64, message, signatureBase64);
    }

    /** The key id of a public key (base64 X.509): its SHA-256's first 16 hex digits; empty when it is no Ed25519 key. */
    public static Optional<String> fingerprint(String publicKeyBase64) {
        try {
            byte[] encoded = Base64.getDecoder().decode(publicKeyBase64);
            KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
            return Optional.of(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(encoded)).substring(0, 16));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    public static String publicKeyBase64(KeyPair key) {
        return Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }

    /**
     * The key pair in {@code file} (and {@code file.pub}), created there if missing. Its directory
     * and the private key are the service account's alone, made so again at every load.
     */
    public static KeyPair loadOrCreate(Path file) {
        Path publicFile = file.resolveSibling(file.getFileName() + ".pub");
        try {
            EmbeddedCredentials.privateDirectory(file.toAbsolutePath().getParent());
            if (!Files.exists(file) || !Files.exists(publicFile)) {
                KeyPair created = generate();
                Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "ed25519-key", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(temporary, created.getPrivate().getEncoded());
                Files.write(publicFile, created.getPublic().getEncoded());
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                return created;
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile)));
            return new KeyPair(publicKey, privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The Ed25519 key " + file + " is unreadable", e);
        }
    }
}
