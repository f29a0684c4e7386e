package io.hpcgateway.frontend.identity.ssh;

import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RequiredServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.jboss.logging.Logger;

/**
 * Verifies the login node's host key against a pinned key or a known_hosts file, never "accept
 * any": a front end that signs certificates for every user must know whom it talks to. A refused
 * key is remembered for the session, so the caller can say why the connection failed.
 */
final class HostKeyCheck implements ServerKeyVerifier {

    private static final Logger LOG = Logger.getLogger(HostKeyCheck.class);

    private final ServerKeyVerifier delegate;
    private final String description;

    private HostKeyCheck(ServerKeyVerifier delegate, String description) {
        this.delegate = delegate;
        this.description = description;
    }

    /** From {@code frontend.ssh.host-key} (one public key line) or else {@code frontend.ssh.known-hosts}. */
    static HostKeyCheck of(Optional<String> pinnedKey, Optional<Path> knownHosts) {
        if (pinnedKey.isPresent()) {
            PublicKey key = parse(pinnedKey.get());
            return new HostKeyCheck(new RequiredServerKeyVerifier(key), "the pinned key " + KeyUtils.getFingerPrint(key));
        }
        Path file = knownHosts.orElseThrow(() -> new IllegalStateException("The ssh identity mode needs the login "
                + "node's host key: set frontend.ssh.host-key (its public key line) or frontend.ssh.known-hosts"));
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("frontend.ssh.known-hosts names " + file + ", which cannot be read");
        }
        return new HostKeyCheck(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, file),
                "the known hosts in " + file);
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey serverKey) {
        boolean ok = delegate.verifyServerKey(session, remote, serverKey);
        if (!ok) {
            session.setAttribute(RefusedKey.KEY, KeyUtils.getFingerPrint(serverKey));
            LOG.errorf("The login node %s offered host key %s, which does not match %s: not connecting", remote,
                    KeyUtils.getFingerPrint(serverKey), description);
        }
        return ok;
    }

    String description() {
        return description;
    }

    private static PublicKey parse(String line) {
        try {
            return PublicKeyEntry.parsePublicKeyEntry(line.strip()).resolvePublicKey(null, null, null);
        } catch (Exception e) {
            throw new IllegalStateException("frontend.ssh.host-key is not an OpenSSH public key line such as "
                    + "'ecdsa-sha2-nistp256 AAAA...': " + e.getMessage(), e);
        }
    }

    /** The session attribute that holds the fingerprint of a refused host key. */
    static final class RefusedKey {
        static final org.apache.sshd.common.AttributeRepository.AttributeKey<String> KEY =
                new org.apache.sshd.common.AttributeRepository.AttributeKey<>();

        private RefusedKey() {}
    }
}
