package io.hpcgateway.frontend.identity.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.frontend.identity.CommandRunner;
import io.hpcgateway.frontend.identity.RunAs;
import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.platform.FrontendConfig;
import io.hpcgateway.frontend.support.Accounts;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.BaseBuilder;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.signature.Signature;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** The ssh launcher against the real sshd of deploy/local/sshd-up.sh, with real certificates. */
@EnabledIf("io.hpcgateway.frontend.support.Accounts#sshPossible")
class SshLauncherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /**
     * The Quarkus tests before this one, in the same JVM, registered BouncyCastle in the JVM-wide
     * providers from Quarkus's class loader; MINA here (the application class loader) would get
     * keys of classes it cannot cast. A running front end has one class loader and never sees this.
     */
    @BeforeAll
    static void ownBouncyCastle() {
        Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (registered != null && registered.getClass() != BouncyCastleProvider.class) {
            Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
        }
    }

    @Test
    void commandsRunAsTheAccountWithTheirStreamsPassingThrough() {
        try (SshLauncher launcher = new SshLauncher(ssh(Optional.empty(), caKey()), identity())) {
            CommandRunner runner = new CommandRunner(launcher);
            assertEquals("alice", runner.run(RunAs.user("alice"), List.of("id", "-un"), null, Map.of(), TIMEOUT)
                    .stdout().strip());
            assertEquals("hpcgw", runner.run(RunAs.service("hpc-gateway"), List.of("id", "-un"), null, Map.of(),
                    TIMEOUT).stdout().strip(), "the service identity is the unprivileged service account");
            byte[] data = new byte[4 * 1024 * 1024];
            new Random(7).nextBytes(data);
            CommandRunner.Result echoed = runner.run(RunAs.user("alice"), List.of("sha256sum"),
                    new ByteArrayInputStream(data), Map.of(), TIMEOUT, 1024);
            assertEquals(sha256(data), echoed.stdout().split(" ")[0], "4 MiB streamed to the command intact");
            CommandRunner.Result quoted = runner.run(RunAs.user("alice"), List.of("printf", "%s|", "it's", "$HOME",
                    "a b", "`id`"), null, Map.of("ODD", "x'; rm -rf /; '"), TIMEOUT);
            assertEquals("it's|$HOME|a b|`id`|", quoted.stdout(), "no word is interpreted by any shell");
        }
    }

    @Test
    void caKeysOfEveryCommonKindSignCertificatesTheirPublicHalfVerifies() throws Exception {
        for (String type : List.of("ed25519", "ecdsa", "rsa")) {
            Path key = generate("ca-" + type, type);
            KeyPair issued = new UserCertificates(key, Duration.ofMinutes(5)).issue("alice");
            OpenSshCertificate certificate = (OpenSshCertificate) issued.getPublic();
            assertEquals(List.of("alice"), List.copyOf(certificate.getPrincipals()), type);
            PublicKey ca = PublicKeyEntry.parsePublicKeyEntry(Files.readString(key.resolveSibling(key.getFileName()
                    + ".pub")).strip()).resolvePublicKey(null, null, null);
            assertTrue(KeyUtils.compareKeys(ca, certificate.getCaPubKey()), type + ": signed by that CA");
            Signature verifier = NamedFactory.create(BaseBuilder.DEFAULT_SIGNATURE_PREFERENCE,
                    certificate.getSignatureAlgorithm());
            verifier.initVerifier(null, ca);
            verifier.update(null, certificate.getMessage());
            assertTrue(verifier.verify(null, certificate.getSignature()), type + ": the signature verifies");
        }
    }

    @Test
    void oneSessionServesManyCommandsOfAnAccount() {
        try (SshLauncher launcher = new SshLauncher(ssh(Optional.empty(), caKey()), identity())) {
            CommandRunner runner = new CommandRunner(launcher);
            for (int i = 0; i < 20; i++) {
                assertTrue(runner.run(RunAs.user("carol"), List.of("true"), null, Map.of(), TIMEOUT).ok());
            }
            assertEquals(1, launcher.openSessions());
        }
    }

    @Test
    void aHostKeyThatDoesNotMatchIsRefusedBeforeAnythingIsSent() throws Exception {
        generate("other-host");
        String otherKey = Files.readString(dir.resolve("other-host.pub")).strip();
        try (SshLauncher launcher = new SshLauncher(ssh(Optional.of(otherKey), caKey()), identity())) {
            ApiException refused = assertThrows(ApiException.class,
                    () -> launcher.start(RunAs.user("alice"), List.of("touch", "/tmp/hpcgw-should-not-exist"), Map.of()));
            assertEquals(503, refused.status());
            assertEquals("login_node_unverified", refused.error());
        }
        assertTrue(Files.notExists(Path.of("/tmp/hpcgw-should-not-exist")));
    }

    @Test
    void aCaTheLoginNodeDoesNotTrustIsRefusedNamingTheAccount() throws Exception {
        try (SshLauncher launcher = new SshLauncher(ssh(Optional.empty(), generate("rogue-ca")), identity())) {
            ApiException refused = assertThrows(ApiException.class,
                    () -> launcher.start(RunAs.user("alice"), List.of("true"), Map.of()));
            assertEquals(403, refused.status());
            assertTrue(refused.getMessage().contains("'alice'"), refused.getMessage());
        }
    }

    @Test
    void noUserActsAsTheServiceAccountOrASystemAccount() {
        try (SshLauncher launcher = new SshLauncher(ssh(Optional.empty(), caKey()), identity())) {
            for (String account : List.of("hpcgw", "root", "daemon")) {
                ApiException refused = assertThrows(ApiException.class,
                        () -> launcher.start(RunAs.user(account), List.of("true"), Map.of()));
                assertEquals(403, refused.status(), account);
            }
        }
    }

    private static Path caKey() {
        return Accounts.SSH_DIR.resolve("user_ca");
    }

    /** A fresh ECDSA key pair from ssh-keygen: {@code dir/<name>} and {@code <name>.pub}. */
    private Path generate(String name) throws Exception {
        return generate(name, "ecdsa");
    }

    private Path generate(String name, String type) throws Exception {
        Path key = dir.resolve(name);
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", type, "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        assertTrue(keygen.waitFor(30, TimeUnit.SECONDS) && keygen.exitValue() == 0);
        return key;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static FrontendConfig.Identity identity() {
        return new FrontendConfig.Identity() {
            @Override
            public io.hpcgateway.frontend.identity.IdentityMode mode() {
                return io.hpcgateway.frontend.identity.IdentityMode.SSH;
            }

            @Override
            public String serviceUser() {
                return "hpcgw";
            }

            @Override
            public long minUid() {
                return 1000;
            }
        };
    }

    private static FrontendConfig.Ssh ssh(Optional<String> hostKey, Path caKey) {
        return new FrontendConfig.Ssh() {
            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return Accounts.SSHD_PORT;
            }

            @Override
            public Optional<Path> caKeyLocation() {
                return Optional.of(caKey);
            }

            @Override
            public Optional<String> hostKey() {
                return hostKey;
            }

            @Override
            public Optional<Path> knownHosts() {
                return Optional.of(Accounts.SSH_DIR.resolve("known_hosts"));
            }

            @Override
            public Duration certificateTtl() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration idleTimeout() {
                return Duration.ofMinutes(2);
            }

            @Override
            public Duration sessionMaxAge() {
                return Duration.ofMinutes(10);
            }

            @Override
            public int channelsPerSession() {
                return 8;
            }

            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(10);
            }
        };
    }
}
