package io.hpcgateway.frontend.identity.ssh;

import io.hpcgateway.frontend.platform.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.apache.sshd.certificate.OpenSshCertificateBuilder;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Signs a short-lived OpenSSH user certificate for one principal with the front end's user CA
 * key (which the login node's sshd trusts through {@code TrustedUserCAKeys}), over a key pair
 * made for that one session. Nothing per user is ever written to disk.
 */
final class UserCertificates {

    private final KeyPair ca;
    private final String caFingerprint;
    private final String signatureAlgorithm;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    UserCertificates(Path caKey, Duration ttl) {
        this.ca = load(caKey);
        this.caFingerprint = KeyUtils.getFingerPrint(ca.getPublic());
        // OpenSSH refuses certificates signed with SHA-1 RSA ("ssh-rsa"): an RSA CA signs with SHA-512.
        this.signatureAlgorithm = KeyUtils.RSA_ALGORITHM.equals(ca.getPublic().getAlgorithm()) ? "rsa-sha2-512" : null;
        this.ttl = ttl;
    }

    /** A fresh key pair whose public half is a certificate for {@code principal}, valid for the TTL. */
    KeyPair issue(String principal) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair session = generator.generateKeyPair();
            Instant now = Instant.now();
            OpenSshCertificate certificate = OpenSshCertificateBuilder.userCertificate()
                    .serial(random.nextLong() & Long.MAX_VALUE)
                    .id("hpc-gateway:" + principal)
                    .principals(List.of(principal))
                    // A minute of leeway for a login node whose clock runs behind.
                    .validAfter(now.minusSeconds(60))
                    .validBefore(now.plus(ttl))
                    .publicKey(session.getPublic())
                    .sign(ca, signatureAlgorithm);
            return new KeyPair(certificate, session.getPrivate());
        } catch (Exception e) {
            throw ApiException.schedulerError("Cannot sign an SSH certificate for '" + principal + "': " + e.getMessage());
        }
    }

    String caFingerprint() {
        return caFingerprint;
    }

    private static KeyPair load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, new PathResource(file), in, null);
            Iterator<KeyPair> first = keys == null ? null : keys.iterator();
            if (first == null || !first.hasNext()) {
                throw new IllegalStateException("No private key in the SSH CA key file " + file);
            }
            return first.next();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the SSH CA key " + file + " (an unencrypted OpenSSH or PEM "
                    + "private key, readable by the front end only): " + e.getMessage(), e);
        }
    }
}
