package io.hpcgateway.webui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.GatewayProcess;
import io.hpcgateway.gateway.support.KeycloakRealm;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the browser specs (e2e/specs, Node's test runner with playwright-core and axe-core) in
 * Debian's Chromium against the packaged gateway, which serves the UI it was built with, on the
 * real front end (SLURM in CI). Screenshots of every page go to target/screenshots.
 */
class BrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target/screenshots").toAbsolutePath();
    /** The shipped realm's browser client, hpc-web, redirects to this origin only. */
    private static final int OIDC_PORT = 8080;

    static FrontendProcess frontend;
    static Map<String, String> frontendConfig;
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        assumeTrue(ci || Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (test.sh installs it)");
        frontend = new FrontendProcess();
        frontendConfig = new HashMap<>(frontend.start());
        data = Files.createTempDirectory(Files.createDirectories(FrontendProcess.DATA), "ui-");
    }

    @AfterAll
    static void stop() throws Exception {
        if (frontend != null) {
            frontend.stop();
        }
    }

    @Test
    void theEmbeddedDefaultsWholeJobFlowInTheBrowser() throws Exception {
        GatewayProcess gateway = new GatewayProcess(Files.createDirectories(data.resolve("dev")), frontendConfig);
        gateway.start();
        try {
            assertEquals(0, specs("dev-mode.test.mjs", gateway.url(), Map.of()));
        } finally {
            gateway.stop();
        }
    }

    @Test
    void keycloakLoginAndPagesByRole() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        assumeTrue(ci || KeycloakRealm.available(), "no Keycloak (deploy/local/keycloak-up.sh)");
        assumeTrue(ci || portFree(OIDC_PORT), "port 8080 is taken (deploy/local/run.sh?)");
        KeycloakRealm realm = KeycloakRealm.connect();
        String suffix = Long.toString(System.nanoTime(), 36);
        String admin = "ui-admin-" + suffix;
        String user = "ui-user-" + suffix;
        Map<String, String> logins = Map.of("OIDC_ADMIN_USER", admin,
                "OIDC_ADMIN_PASSWORD", realm.createUser(admin, "user", "provider", "admin"),
                "OIDC_USER", user, "OIDC_USER_PASSWORD", realm.createUser(user, "user"));
        Map<String, String> config = new HashMap<>(frontendConfig);
        config.put("gateway.auth.mode", "oidc");
        config.put("quarkus.oidc.auth-server-url", realm.issuer());
        config.put("quarkus.oidc.client-id", "hpc-gateway");
        config.put("quarkus.oidc.token.audience", "hpc-gateway");
        GatewayProcess gateway = new GatewayProcess(Files.createDirectories(data.resolve("oidc")), config,
                Map.of("QUARKUS_OIDC_CREDENTIALS_SECRET", realm.gatewayClientSecret()), OIDC_PORT);
        gateway.start();
        try {
            assertEquals(0, specs("oidc-mode.test.mjs", gateway.url(), logins));
        } finally {
            gateway.stop();
        }
    }

    /** Runs one spec file with Node's test runner; its TAP output goes to this test's output. */
    private static int specs(String file, String url, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path nodeBin = Path.of(Files.readString(Path.of("../target/node-bin")).strip());
        ProcessBuilder builder = new ProcessBuilder(nodeBin.resolve("node").toString(), "--test",
                "--test-reporter=spec", "specs/" + file).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("GATEWAY_URL", url);
        builder.environment().put("SCREENSHOTS", SCREENSHOTS.toString());
        builder.environment().put("CHROMIUM", CHROMIUM.toString());
        Process node = builder.start();
        // Through this JVM's own System.out: the test runner's channel breaks on writes it did not make.
        Thread copier = new Thread(() -> {
            try {
                node.getInputStream().transferTo(System.out);
            } catch (IOException e) {
                // the process ended
            }
        });
        copier.start();
        if (!node.waitFor(10, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            throw new AssertionError(file + " did not end within 10 minutes");
        }
        copier.join(10_000);
        return node.exitValue();
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
