package io.hpcgateway.gateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged gateway as a real process, so a test can kill it with SIGKILL and start it again. */
public final class GatewayProcess {

    private static final Path JAR = Reactor.path("gateway-app/target/quarkus-app/quarkus-run.jar");

    private final List<String> command = new ArrayList<>();
    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private final Path dataDir;
    private NetworkNamespace site;
    private Process process;

    public GatewayProcess(Path dataDir, Map<String, String> frontend) {
        this(dataDir, frontend, Map.of());
    }

    /** With settings from {@code environment} too, for secrets, which a command line would show to every account. */
    public GatewayProcess(Path dataDir, Map<String, String> frontend, Map<String, String> environment) {
        this(dataDir, frontend, environment, FrontendProcess.freePort());
    }

    /** On a given port: the shipped Keycloak realm's browser client knows http://127.0.0.1:8080 only. */
    public GatewayProcess(Path dataDir, Map<String, String> frontend, Map<String, String> environment, int port) {
        this.dataDir = dataDir;
        this.environment = Map.copyOf(environment);
        this.port = port;
        this.log = dataDir.resolve("gateway.log");
        command.addAll(List.of("java", "-Xmx256m", "-Dquarkus.http.port=" + port,
                "-Dgateway.mongodb.embedded-port=" + FrontendProcess.freePort(),
                "-Dgateway.mongodb.embedded-data-dir=" + dataDir.resolve("db"),
                "-Dgateway.reconcile.interval=1s"));
        frontend.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Runs inside {@code site} (set before {@link #start}); {@link #url} is then the site's own loopback. */
    public GatewayProcess inside(NetworkNamespace site) {
        this.site = site;
        return this;
    }

    /**
     * The embedded database's connection string (the port is fixed for this gateway's lifetime),
     * with the password the gateway generated in its data directory.
     */
    public String mongoUrl() throws IOException {
        String portArg = command.stream().filter(a -> a.startsWith("-Dgateway.mongodb.embedded-port=")).findFirst()
                .orElseThrow();
        String password = Files.readString(dataDir.resolve("db/password")).strip();
        return "mongodb://hpc-gateway:" + password + "@127.0.0.1:" + portArg.substring(portArg.indexOf('=') + 1)
                + "/?authSource=admin&authMechanism=SCRAM-SHA-256";
    }

    public void start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(site == null ? command : site.wrap(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            // Any answer (401 without a token) means the gateway listens.
            if (HttpProbe.status(site, url() + "/api/v2/me") > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The gateway did not start; see " + log);
    }

    /** SIGKILL: no shutdown hook, no flush, like a crash or an OOM kill. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM without waiting: the gateway drains what is in flight while the caller goes on. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; true when it did within the deadline. */
    public boolean awaitExit(Duration deadline) throws InterruptedException {
        return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
