package io.hpcgateway.devkeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The embedded default's token key pairs (RSA 2048, PEM), generated on first start in one
 * directory (private keys 0600, never committed): the dev pair signs user tokens (the gateway,
 * the cluster front end and {@code deploy/local/dev-token.sh} share it); the cluster pair signs
 * the tokens the gateway sends to its clusters, whose front ends are given its public half; the
 * worker pair signs the task farm's worker tokens, which only the gateway itself verifies.
 * Services starting together may both try to create a pair:
 * the first private key to land wins, and the public key is always derived from it, so the two
 * files never disagree. The directory is the service account's alone (0700), set again at every
 * start, so no other account on the machine can read the key that signs every token. Production
 * deployments configure their identity provider's keys instead.
 */
public final class DevKeyPair {

    public static final String PRIVATE_KEY_FILE = "dev-signing-key.pem";
    public static final String PUBLIC_KEY_FILE = "dev-signing-key.pub.pem";
    public static final String CLUSTER_PRIVATE_KEY_FILE = "cluster-signing-key.pem";
    public static final String CLUSTER_PUBLIC_KEY_FILE = "cluster-signing-key.pub.pem";
    public static final String WORKER_PRIVATE_KEY_FILE = "worker-signing-key.pem";
    public static final String WORKER_PUBLIC_KEY_FILE = "worker-signing-key.pub.pem";

    private DevKeyPair() {}

    /** Makes sure the dev pair exists in {@code dir} and returns the public key file. */
    public static Path ensure(Path dir) {
        return ensure(dir, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE);
    }

    /** Makes sure the cluster pair exists in {@code dir} and returns the public key file. */
    public static Path ensureCluster(Path dir) {
        return ensure(dir, CLUSTER_PRIVATE_KEY_FILE, CLUSTER_PUBLIC_KEY_FILE);
    }

    /** Makes sure the pair that signs the task farm's worker tokens exists in {@code dir}; returns the public key file. */
    public static Path ensureWorker(Path dir) {
        return ensure(dir, WORKER_PRIVATE_KEY_FILE, WORKER_PUBLIC_KEY_FILE);
    }

    private static Path ensure(Path dir, String privateName, String publicName) {
        Path privateFile = dir.resolve(privateName);
        Path publicFile = dir.resolve(publicName);
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            if (!Files.exists(privateFile)) {
                createPrivateKey(dir, privateFile);
            }
            if (!Files.exists(publicFile)) {
                Path tmp = Files.createTempFile(dir, "pub", ".tmp");
                Files.writeString(tmp, pem("PUBLIC KEY", derivePublic(readPrivateKey(privateFile)).getEncoded()));
                Files.move(tmp, publicFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return publicFile;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the key pair " + privateName + " in " + dir, e);
        }
    }

    /** Reads a PKCS#8 PEM RSA private key. */
    public static PrivateKey readPrivateKey(Path pemFile) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pemFile, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(pemFile + " is not a PKCS#8 PEM RSA private key", e);
        }
    }

    /** A PEM public key's body as one line of base64, the form quarkus-oidc's {@code public-key} takes. */
    public static String publicKeyBase64(Path pemFile) {
        return Base64.getEncoder().encodeToString(der(pemFile, "PUBLIC KEY"));
    }

    /** Reads an X.509 (SubjectPublicKeyInfo) PEM public key, RSA or EC. */
    public static PublicKey readPublicKey(Path pemFile) {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der(pemFile, "PUBLIC KEY"));
        try {
            try {
                return KeyFactory.getInstance("RSA").generatePublic(spec);
            } catch (InvalidKeySpecException notRsa) {
                return KeyFactory.getInstance("EC").generatePublic(spec);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(pemFile + " is not a PEM public key (RSA or EC)", e);
        }
    }

    private static void createPrivateKey(Path dir, Path privateFile) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Path tmp = Files.createTempFile(dir, "key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()));
            try {
                Files.move(tmp, privateFile); // no REPLACE_EXISTING: a key another process wrote first wins
            } catch (FileAlreadyExistsException lostTheRace) {
                Files.delete(tmp);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    private static PublicKey derivePublic(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalStateException("The dev private key must be an RSA CRT key");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(),
                    crt.getPublicExponent() == null ? BigInteger.valueOf(65537) : crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(Path pemFile, String type) {
        try {
            String text = Files.readString(pemFile);
            return Base64.getDecoder().decode(text.replace("-----BEGIN " + type + "-----", "")
                    .replace("-----END " + type + "-----", "").replaceAll("\\s", ""));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key " + pemFile, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(pemFile + " is not PEM", e);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
