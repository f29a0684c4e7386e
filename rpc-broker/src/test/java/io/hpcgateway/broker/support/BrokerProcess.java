package io.hpcgateway.broker.support;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.HttpProbe;
import io.hpcgateway.gateway.support.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged RPC broker as a process (relay or edge), so a test can kill it and start it again. */
public final class BrokerProcess {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final List<String> command = new ArrayList<>();
    private final Path log;
    private final int port = FrontendProcess.freePort();
    private final Map<String, String> environment = new HashMap<>();
    private NetworkNamespace site;
    private Process process;

    public BrokerProcess(String mode, Path logDir, Map<String, String> settings) {
        this.log = logDir.resolve(mode + "-" + port + ".log");
        command.addAll(List.of("java", "-Xmx256m", "-Dquarkus.http.port=" + port, "-Dbroker.mode=" + mode));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Runs inside {@code site} (set before {@link #start}); {@link #url} is then the site's own loopback. */
    public BrokerProcess inside(NetworkNamespace site) {
        this.site = site;
        return this;
    }

    /** A setting for the process's environment, where secrets go: a command line is every account's to read. */
    public BrokerProcess withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Starts and waits until the broker connection is up ({@code /q/health/ready}). */
    public BrokerProcess start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(site == null ? command : site.wrap(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (ready()) {
                return this;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The " + command.get(4) + " did not become ready; see " + log);
    }

    /** Whether the process answers and its AMQP connection is up. */
    public boolean ready() {
        try {
            return HttpProbe.status(site, url() + "/q/health/ready") == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String log() throws IOException {
        return java.nio.file.Files.readString(log);
    }

    /** SIGKILL: nothing settles, nothing drains. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the relay drains what it is replaying first; one that does not exit in time is killed. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
