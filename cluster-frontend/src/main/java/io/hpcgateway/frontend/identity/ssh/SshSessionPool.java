package io.hpcgateway.frontend.identity.ssh;

import io.hpcgateway.frontend.platform.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.jboss.logging.Logger;

/**
 * Authenticated SSH sessions to the login node, per account, so that a command costs an exec
 * channel on a session that already exists rather than a new handshake. A session carries up to
 * {@code channelsPerSession} commands at once (below sshd's MaxSessions, 10 by default); more
 * concurrent commands open another session. Sessions idle longer than {@code idleTimeout}, or
 * older than {@code maxAge}, are closed, so an account the site disables stops working within
 * that age even though a session outlives the certificate it was opened with.
 */
final class SshSessionPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SshSessionPool.class);

    /** A session of one account, and how many commands run on it now. */
    static final class Pooled {
        private final ClientSession session;
        private final Instant opened = Instant.now();
        private int inUse;
        private Instant lastUsed = Instant.now();

        private Pooled(ClientSession session) {
            this.session = session;
        }

        ClientSession session() {
            return session;
        }
    }

    /** What a session may be and may do. */
    record Limits(int channelsPerSession, Duration connectTimeout, Duration idleTimeout, Duration maxAge, long minUid) {}

    private final SshClient client;
    private final String host;
    private final int port;
    private final UserCertificates certificates;
    private final Limits limits;
    private final Map<String, List<Pooled>> pool = new HashMap<>();
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ssh-session-reaper");
        thread.setDaemon(true);
        return thread;
    });

    SshSessionPool(SshClient client, String host, int port, UserCertificates certificates, Limits limits) {
        this.client = client;
        this.host = host;
        this.port = port;
        this.certificates = certificates;
        this.limits = limits;
        long every = Math.max(1, limits.idleTimeout().toSeconds() / 4);
        reaper.scheduleWithFixedDelay(this::closeIdle, every, every, TimeUnit.SECONDS);
    }

    /** A session of {@code principal} with room for one more command; give it back with {@link #release}. */
    Pooled lease(String principal, boolean service) {
        synchronized (this) {
            for (Pooled pooled : pool.getOrDefault(principal, List.of())) {
                if (pooled.session.isOpen() && pooled.inUse < limits.channelsPerSession() && !tooOld(pooled)) {
                    pooled.inUse++;
                    return pooled;
                }
            }
        }
        // The handshake takes milliseconds: it runs outside the lock, so other accounts are not held up.
        Pooled fresh = new Pooled(connect(principal, service));
        synchronized (this) {
            fresh.inUse = 1;
            pool.computeIfAbsent(principal, p -> new ArrayList<>()).add(fresh);
        }
        return fresh;
    }

    synchronized void release(Pooled pooled) {
        pooled.inUse--;
        pooled.lastUsed = Instant.now();
        if (pooled.inUse == 0 && (tooOld(pooled) || !pooled.session.isOpen())) {
            close(pooled);
        }
    }

    /** Sessions open now, for tests and the benchmark: the pool is what keeps a command cheap. */
    synchronized int openSessions() {
        return pool.values().stream().mapToInt(List::size).sum();
    }

    private ClientSession connect(String principal, boolean service) {
        ClientSession session;
        try {
            session = client.connect(principal, host, port).verify(limits.connectTimeout()).getSession();
        } catch (IOException | RuntimeException e) {
            throw new ApiException(503, "error", "login_node_unreachable", "The login node " + host + ":" + port
                    + " cannot be reached: " + e.getMessage() + "; retry later.", List.of());
        }
        try {
            session.addPublicKeyIdentity(certificates.issue(principal));
            session.auth().verify(limits.connectTimeout());
            if (!service) {
                requireUserUid(session, principal);
            }
            return session;
        } catch (IOException | RuntimeException e) {
            String refusedKey = session.getAttribute(HostKeyCheck.RefusedKey.KEY);
            session.close(true);
            if (e instanceof ApiException api) {
                throw api;
            }
            if (refusedKey != null) {
                throw new ApiException(503, "error", "login_node_unverified", "The login node " + host + ":" + port
                        + " offered host key " + refusedKey + ", which this front end does not trust; nothing was "
                        + "sent. The site must update frontend.ssh.host-key or known-hosts.", List.of());
            }
            throw ApiException.forbidden("The login node refused the account '" + principal + "': it does not exist "
                    + "there, is locked, or its sshd does not trust this front end's CA (" + certificates.caFingerprint()
                    + ") for that principal.");
        }
    }

    /** Root and system accounts never run user work, whatever certificate sshd would accept. */
    private void requireUserUid(ClientSession session, String principal) throws IOException {
        try (ChannelExec id = session.createExecChannel("id -u")) {
            id.open().verify(limits.connectTimeout());
            byte[] out = id.getInvertedOut().readAllBytes();
            id.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), limits.connectTimeout().toMillis());
            long uid = Long.parseLong(new String(out, StandardCharsets.US_ASCII).strip());
            if (uid < limits.minUid()) {
                throw ApiException.forbidden("The account '" + principal + "' (uid " + uid + ") is a system account; "
                        + "user work runs only as accounts from uid " + limits.minUid() + ".");
            }
        } catch (NumberFormatException e) {
            throw new IOException("'id -u' printed no uid", e);
        }
    }

    private boolean tooOld(Pooled pooled) {
        return pooled.opened.plus(limits.maxAge()).isBefore(Instant.now());
    }

    private synchronized void closeIdle() {
        Instant idleSince = Instant.now().minus(limits.idleTimeout());
        for (Iterator<List<Pooled>> accounts = pool.values().iterator(); accounts.hasNext(); ) {
            List<Pooled> sessions = accounts.next();
            sessions.removeIf(pooled -> {
                boolean done = !pooled.session.isOpen() || (pooled.inUse == 0
                        && (pooled.lastUsed.isBefore(idleSince) || tooOld(pooled)));
                if (done) {
                    pooled.session.close(false);
                }
                return done;
            });
            if (sessions.isEmpty()) {
                accounts.remove();
            }
        }
    }

    private void close(Pooled pooled) {
        pooled.session.close(false);
        pool.getOrDefault(pooled.session.getUsername(), new ArrayList<>()).remove(pooled);
    }

    @Override
    public synchronized void close() {
        reaper.shutdownNow();
        pool.values().forEach(sessions -> sessions.forEach(pooled -> pooled.session.close(true)));
        pool.clear();
        try {
            client.stop();
        } catch (RuntimeException e) {
            LOG.debugf("stopping the SSH client: %s", e.getMessage());
        }
    }
}
