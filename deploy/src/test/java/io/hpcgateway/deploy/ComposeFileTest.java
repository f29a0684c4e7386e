package io.hpcgateway.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/docker-compose.yml and deploy/env.template, checked by Debian's docker-compose and by
 * promtool: the template as shipped is refused for its missing secrets, the template with test
 * values is a valid compose file with every profile, and no secret has a default anywhere.
 */
class ComposeFileTest {

    static final Path COMPOSE = Commands.TOP.resolve("deploy/docker-compose.yml");
    static final Path TEMPLATE = Commands.TOP.resolve("deploy/env.template");
    static final List<String> SECRETS = List.of("MONGO_PASSWORD", "KEYCLOAK_ADMIN_PASSWORD",
            "HPCGW_GATEWAY_CLIENT_SECRET", "MARKETPLACE_AMQP_PASSWORD", "MARKETPLACE_APPLICATION_SECRET");

    @BeforeAll
    static void tools() {
        boolean present = Commands.installed("docker-compose") && Commands.installed("promtool");
        assumeTrue(present || "true".equals(System.getenv("CI")),
                "docker-compose and promtool are installed by deploy/local/test.sh (as root)");
    }

    @Test
    void theTemplateAsShippedIsRefusedUntilItsSecretsAreSet(@TempDir Path dir) throws Exception {
        Path env = Files.copy(TEMPLATE, dir.resolve(".env"));
        Commands.Result config = config(env, List.of());
        assertNotEquals(0, config.exitCode(), config.output());
        assertTrue(config.output().contains("in .env"), config.output());
    }

    @Test
    void theTemplateWithTestValuesIsAValidComposeFileInEveryProfile(@TempDir Path dir) throws Exception {
        Map<String, String> values = Commands.assignments(TEMPLATE);
        values.replaceAll((key, value) -> value.isEmpty() ? "test-" + key.toLowerCase() : value);
        values.put("HPCGW_TLS_DIR", dir.toString());
        values.put("HPCGW_SSH_DIR", dir.toString());
        Path env = dir.resolve(".env");
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(env, text);
        Commands.Result config = config(env, List.of("--profile", "frontend", "--profile", "firewall", "--profile",
                "bundled-broker"));
        assertEquals(0, config.exitCode(), config.output());
        for (String service : List.of("mongo", "keycloak", "gateway", "frontend", "relay", "rabbitmq", "edge",
                "prometheus")) {
            assertTrue(config.output().contains("\n  " + service + ":\n"), service + " in\n" + config.output());
        }
        // Every service has a health check, and the secrets reached the services.
        assertEquals(8, count(config.output(), "\n    healthcheck:\n"), config.output());
        assertTrue(config.output().contains("test-mongo_password@mongo:27017"), config.output());
        assertTrue(config.output().contains("QUARKUS_OIDC_CREDENTIALS_SECRET: test-hpcgw_gateway_client_secret"));
    }

    @Test
    void noSecretHasADefaultInTheTemplateOrTheComposeFile() throws Exception {
        Map<String, String> template = Commands.assignments(TEMPLATE);
        String compose = Files.readString(COMPOSE);
        for (String secret : SECRETS) {
            assertEquals("", template.get(secret), secret + " must be empty in env.template");
            Matcher uses = Pattern.compile("\\$\\{" + secret + "(:?[-?][^}]*)?}").matcher(compose);
            while (uses.find()) {
                String modifier = uses.group(1);
                assertTrue(modifier == null || modifier.startsWith(":?") || modifier.equals(":-"),
                        secret + " has a default in docker-compose.yml: " + uses.group());
            }
        }
    }

    @Test
    void prometheusLoadsItsConfigurationAndTheAlertRules() throws Exception {
        Commands.Result check = Commands.run(List.of("promtool", "check", "config", "deploy/prometheus/prometheus.yml"),
                Map.of(), 60);
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("3 rules found"), check.output());
    }

    static Commands.Result config(Path env, List<String> profiles) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker-compose", "--project-directory", "deploy",
                "--env-file", env.toString(), "-f", COMPOSE.toString()));
        command.addAll(profiles);
        command.add("config");
        return Commands.run(command, Map.of(), 60);
    }

    static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
