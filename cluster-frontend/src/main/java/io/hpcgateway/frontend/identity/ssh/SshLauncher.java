package io.hpcgateway.frontend.identity.ssh;

import io.hpcgateway.frontend.identity.Launcher;
import io.hpcgateway.frontend.identity.RunAs;
import io.hpcgateway.frontend.identity.RunningCommand;
import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.platform.FrontendConfig;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Runs every command as the user's own account on the login node over SSH, FirecREST's way:
 * the front end holds a user CA key and signs a certificate per account (principal = the
 * account, valid for {@code frontend.ssh.certificate-ttl}); the login node's sshd trusts that CA.
 * The gateway's batched calls run as the unprivileged {@code frontend.identity.service-user}.
 */
public final class SshLauncher implements Launcher, AutoCloseable {

    /** Larger than the default 2 MiB, so a transfer does not wait for window adjustments. */
    private static final long WINDOW_BYTES = 8L * 1024 * 1024;

    private final SshSessionPool pool;
    private final FrontendConfig.Ssh config;
    private final String serviceUser;
    private final String description;

    public SshLauncher(FrontendConfig.Ssh config, FrontendConfig.Identity identity) {
        this.config = config;
        this.serviceUser = identity.serviceUser();
        UserCertificates certificates = new UserCertificates(config.caKeyLocation().orElseThrow(() ->
                new IllegalStateException("The ssh identity mode needs frontend.ssh.ca-key-location: the private "
                        + "key of the user CA the login node's sshd trusts (TrustedUserCAKeys)")),
                config.certificateTtl());
        HostKeyCheck hostKeys = HostKeyCheck.of(config.hostKey(), config.knownHosts());
        this.pool = new SshSessionPool(client(hostKeys), config.host(), config.port(), certificates,
                new SshSessionPool.Limits(config.channelsPerSession(), config.connectTimeout(), config.idleTimeout(),
                        config.sessionMaxAge(), identity.minUid()));
        this.description = "ssh: every job and file operation runs as the user's own Unix account on " + config.host()
                + ":" + config.port() + ", with certificates of " + config.certificateTtl().toMinutes()
                + " min from CA " + certificates.caFingerprint() + " (host key checked against "
                + hostKeys.description() + "); the gateway's batched calls run as '" + serviceUser + "'";
    }

    @Override
    public RunningCommand start(RunAs who, List<String> argv, Map<String, String> env) {
        String principal = who.service() ? serviceUser : who.account();
        if (!who.service() && principal.equals(serviceUser)) {
            throw ApiException.forbidden("The account '" + principal + "' is the front end's service account; "
                    + "it cannot act for a user.");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("LC_ALL", "C"); // commands' output is parsed
        variables.putAll(env);
        String line = ShellWords.commandLine(variables, argv);
        SshSessionPool.Pooled session = pool.lease(principal, who.service());
        try {
            return SshCommand.open(session.session(), line, config.connectTimeout(), () -> pool.release(session));
        } catch (IOException | RuntimeException e) {
            throw new ApiException(503, "error", "login_node_unreachable", "The login node " + config.host() + ":"
                    + config.port() + " did not open a command channel: " + e.getMessage() + "; retry later.",
                    List.of());
        }
    }

    @Override
    public LocalProcess localProcess(RunAs who) {
        throw new IllegalStateException("The ssh identity mode runs commands on the login node, not here: the local "
                + "executor needs frontend.identity.mode=setuid or service-account");
    }

    @Override
    public String describe() {
        return description;
    }

    /** Sessions open now. */
    public int openSessions() {
        return pool.openSessions();
    }

    @Override
    public void close() {
        pool.close();
    }

    private static SshClient client(HostKeyCheck hostKeys) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(hostKeys);
        // Nothing of the service account's own ~/.ssh (config, keys, agent) takes part.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        // AES-GCM first: the JDK runs it on the CPU's AES instructions, the cheapest cipher on 2 cores.
        client.setCipherFactories(List.<NamedFactory<Cipher>>of(BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm,
                BuiltinCiphers.aes128ctr, BuiltinCiphers.aes256ctr, BuiltinCiphers.cc20p1305_openssh));
        CoreModuleProperties.WINDOW_SIZE.set(client, WINDOW_BYTES);
        // Each command is a handful of small packets each way: Nagle's algorithm would hold every
        // one of them back until the previous one is acknowledged.
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, java.time.Duration.ofSeconds(30));
        client.start();
        return client;
    }
}
