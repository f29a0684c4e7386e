package io.hpcgateway.frontend.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;

/**
 * The embedded default's token key pair: generated on first start in {@code frontend.auth.dev-key-directory}
 * (private key 0600, never committed) so that {@code deploy/local/dev-token.sh} can sign tokens
 * the front end and the gateway accept. Production deployments configure their identity
 * provider's key instead and never create these files.
 */
public final class DevKeyPair {

    public static final String PRIVATE_KEY_FILE = "dev-signing-key.pem";
    public static final String PUBLIC_KEY_FILE = "dev-signing-key.pub.pem";

    private DevKeyPair() {}

    /** Returns the public key file, generating the pair when it does not exist yet. */
    public static synchronized Path ensure(Path keyDir) {
        Path publicKey = keyDir.resolve(PUBLIC_KEY_FILE);
        Path privateKey = keyDir.resolve(PRIVATE_KEY_FILE);
        if (Files.exists(publicKey) && Files.exists(privateKey)) {
            return publicKey;
        }
        try {
            Files.createDirectories(keyDir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path tmpPrivate = Files.createTempFile(keyDir, "key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmpPrivate, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.move(tmpPrivate, privateKey, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return publicKey;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the dev key pair in " + keyDir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** Reads an X.509 (SubjectPublicKeyInfo) PEM public key, RSA or EC. */
    public static PublicKey readPublicKey(Path pemFile) {
        try {
            String text = Files.readString(pemFile);
            String base64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            var spec = new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(base64));
            try {
                return java.security.KeyFactory.getInstance("RSA").generatePublic(spec);
            } catch (java.security.spec.InvalidKeySpecException notRsa) {
                return java.security.KeyFactory.getInstance("EC").generatePublic(spec);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token public key " + pemFile, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(pemFile + " is not a PEM public key (RSA or EC)", e);
        }
    }
}
