package io.hpcgateway.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the packaged cluster front end (built by the reactor before this module) as a real
 * process for the gateway's tests: over the real SLURM when it runs here, which CI requires, else
 * over the local executor. It shares the test key directory, so it trusts the gateway's tokens.
 * With the argument {@code identity=ssh} it runs every command as the user's own account over the
 * sshd of deploy/local/sshd-up.sh, on SLURM, with user folders under /tmp that every account reaches.
 */
public class FrontendProcess implements QuarkusTestResourceLifecycleManager {

    public static final Path DATA = Path.of("target/gateway-test-data").toAbsolutePath();
    public static final Path KEYS = DATA.resolve("keys");
    /** The user root of the ssh identity mode: world-writable with the sticky bit, like a scratch space. */
    public static final Path PER_USER_ROOT = Path.of("/tmp/hpcgw-gateway-tests/home");
    private static final Path SSH_DIR = Path.of("/etc/hpc-gateway/ssh");
    private static final Path JAR = Reactor.path("cluster-frontend/target/quarkus-app/quarkus-run.jar");

    private Process process;
    private boolean perUser;
    private String name = "frontend";
    private Map<String, String> properties = Map.of();
    private NetworkNamespace site;
    /** With staging: the front end's direct-transfer limit, and the S3 store its staging uses. */
    private String stagingDirectLimit;
    private S3Proxy store;

    /** The front end of the gateway's tests: service-account identity, trusting the test keys. */
    public FrontendProcess() {}

    /**
     * A further front end, with its own data directory and log ({@code name}) and these
     * {@code frontend.*} settings, such as the keys it trusts.
     */
    public FrontendProcess(String name, Map<String, String> properties) {
        this.name = name;
        this.properties = Map.copyOf(properties);
    }

    /**
     * A front end inside a firewalled site, on the local executor: SLURM's controller listens on
     * this machine's loopback, which a network namespace does not share.
     */
    public FrontendProcess(String name, NetworkNamespace site) {
        this.name = name;
        this.site = site;
    }

    @Override
    public void init(Map<String, String> args) {
        this.perUser = "ssh".equals(args.get("identity"));
        this.stagingDirectLimit = args.get("staging-direct-limit");
    }

    @Override
    public Map<String, String> start() {
        boolean slurm = site == null && slurmIsUp();
        if (("true".equals(System.getenv("CI")) || perUser) && !slurm && site == null) {
            throw new IllegalStateException("CI needs a running SLURM: deploy/local/slurm-up.sh must have brought it up");
        }
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build the reactor (mvn verify) first");
        }
        int port = freePort();
        String system = slurm ? "hpcgw" : "local";
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-Dquarkus.http.port=" + port,
                "-Dfrontend.scheduler=" + (slurm ? "slurm" : "local"), "-Dfrontend.system-name=" + system,
                "-Dfrontend.data-dir=" + DATA.resolve(perUser ? name + "-ssh" : name),
                "-Dfrontend.auth.dev-key-directory=" + KEYS));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        if (perUser) {
            command.addAll(List.of("-Dfrontend.identity.mode=ssh", "-Dfrontend.ssh.port=2222",
                    "-Dfrontend.ssh.ca-key-location=" + SSH_DIR.resolve("user_ca"),
                    "-Dfrontend.ssh.known-hosts=" + SSH_DIR.resolve("known_hosts"),
                    "-Dfrontend.roots=" + freshScratch(PER_USER_ROOT)));
        }
        Map<String, String> environment = new HashMap<>();
        if (stagingDirectLimit != null) {
            store = S3Proxy.start(DATA.resolve(name + "-s3"));
            command.addAll(List.of("-Dfrontend.staging.endpoint=" + store.endpoint,
                    "-Dfrontend.staging.max-part-size=5M",
                    "-Dfrontend.files.max-direct-transfer-size=" + stagingDirectLimit));
            // Secrets through the environment, never the command line.
            environment.put("FRONTEND_STAGING_ACCESS_KEY", store.accessKey);
            environment.put("FRONTEND_STAGING_SECRET_KEY", store.secretKey);
        }
        command.addAll(List.of("-jar", JAR.toString()));
        try {
            Files.createDirectories(DATA);
            ProcessBuilder builder = new ProcessBuilder(site == null ? command : site.wrap(command));
            builder.environment().putAll(environment);
            process = builder.redirectErrorStream(true).redirectOutput(log().toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        awaitLive(port);
        Map<String, String> config = new HashMap<>(Map.of("gateway.clusters.local.url", "http://127.0.0.1:" + port,
                "gateway.clusters.local.system", system,
                // The same front end under a second name, so a test can count one cluster's jobs alone.
                "gateway.clusters.metered.url", "http://127.0.0.1:" + port,
                "gateway.clusters.metered.system", system,
                // Only named: the jobs of tests that name no cluster stay on "local".
                "gateway.clusters.metered.placement", "false",
                "gateway.auth.dev-key-directory", KEYS.toString(),
                "gateway.jobs.container-runtimes", FakeApptainer.install().toString()));
        if (stagingDirectLimit != null) {
            // "metered" knows a limit below the front end's: its larger files are staged without a direct try.
            config.put("gateway.clusters.metered.max-direct-transfer-size", "1M");
        }
        return config;
    }

    @Override
    public void stop() {
        if (store != null) {
            store.stop();
        }
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** For {@code @EnabledIf}: the ssh identity mode needs the sshd's CA (CI has it; elsewhere the test is skipped). */
    public static boolean perUserPossible() {
        return "true".equals(System.getenv("CI")) || Files.isReadable(SSH_DIR.resolve("user_ca"));
    }

    public static boolean slurmIsUp() {
        try {
            Process ping = new ProcessBuilder("scontrol", "ping").redirectErrorStream(true).start();
            String out = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return ping.waitFor(20, TimeUnit.SECONDS) && out.contains("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitLive(int port) {
        String url = "http://127.0.0.1:" + port + "/status/liveness/";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            while (System.nanoTime() < deadline && process.isAlive()) {
                if (HttpProbe.status(site, url) == 200) {
                    return;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("The cluster front end did not start; see " + log());
    }

    private Path log() {
        return DATA.resolve((perUser ? name + "-ssh" : name) + ".log");
    }

    /** An empty directory that every account may create its own folder in, as in /tmp. */
    private static Path freshScratch(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> tree = Files.walk(dir)) {
                    for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            // The sticky bit (no one removes another's folder) is beyond Java's permission API.
            Process chmod = new ProcessBuilder("chmod", "1777", dir.toString()).start();
            if (chmod.waitFor() != 0) {
                throw new IllegalStateException("chmod 1777 " + dir + " failed");
            }
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
