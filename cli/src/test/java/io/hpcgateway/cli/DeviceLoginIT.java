package io.hpcgateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.cli.support.Cli;
import io.hpcgateway.cli.support.LoginPages;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.GatewayProcess;
import io.hpcgateway.gateway.support.KeycloakRealm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * {@code hpcgw login} with the device authorization grant against the real Keycloak and the
 * shipped realm's {@code hpc-cli} client, the gateway in oidc mode: the command prints the code's
 * address, a person logs in there, the command gets the tokens; an expired access token is then
 * renewed with the refresh token, and logout revokes it.
 */
@EnabledIf("io.hpcgateway.gateway.support.KeycloakRealm#available")
class DeviceLoginIT {

    private static final Pattern COMPLETE_URL = Pattern.compile("or open: (\\S+)");
    private static final Pattern AUTHORIZATION_URL = Pattern.compile("(http\\S+\\?response_type=code\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    static KeycloakRealm realm;
    static FrontendProcess frontend;
    static GatewayProcess gateway;
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        realm = KeycloakRealm.connect();
        frontend = new FrontendProcess();
        Map<String, String> config = new HashMap<>(frontend.start());
        config.put("gateway.auth.mode", "oidc");
        config.put("quarkus.oidc.auth-server-url", realm.issuer());
        config.put("quarkus.oidc.client-id", "hpc-gateway");
        config.put("quarkus.oidc.token.audience", "hpc-gateway");
        data = Files.createTempDirectory(Files.createDirectories(FrontendProcess.DATA), "device-");
        gateway = new GatewayProcess(data, config, Map.of("QUARKUS_OIDC_CREDENTIALS_SECRET", realm.gatewayClientSecret()));
        gateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.stop();
        }
        if (frontend != null) {
            frontend.stop();
        }
    }

    @Test
    void aPersonApprovesTheCodeInABrowserAndTheSessionIsRenewedUntilLogout() throws Exception {
        String user = "dev-" + UUID.randomUUID().toString().substring(0, 8);
        String password = realm.createUser(user);
        Cli cli = new Cli(Files.createTempDirectory(data, user + "-"), gateway.url()).with("HPCGW_ISSUER", realm.issuer());

        Cli.Running login = cli.start("login", "-o", "json");
        String url = awaitLine(login, COMPLETE_URL);
        assertTrue(url.contains("user_code="), url);
        String page = new LoginPages().logIn(url, user, password);
        assertTrue(login.process().waitFor(90, TimeUnit.SECONDS), "the command got its tokens");
        assertEquals(0, login.process().exitValue(), Files.readString(login.err()) + "\n" + page);
        assertEquals(user, JSON.readTree(login.out().toFile()).path("clusterUser").asText());
        assertEquals(user, cli.json("whoami").path("clusterUser").asText());

        Path credentials = cli.home().resolve(".config/hpcgw/credentials.json");
        ObjectNode sessions = (ObjectNode) JSON.readTree(credentials.toFile());
        ObjectNode session = (ObjectNode) sessions.get(gateway.url());
        assertEquals("oidc", session.path("kind").asText());
        String first = session.path("access_token").asText();
        session.put("expires_at", 0);
        Files.writeString(credentials, sessions.toString());
        assertEquals(user, cli.json("whoami").path("clusterUser").asText(), "renewed with the refresh token");
        assertNotEquals(first, JSON.readTree(credentials.toFile()).path(gateway.url()).path("access_token").asText());

        String refreshToken = JSON.readTree(credentials.toFile()).path(gateway.url()).path("refresh_token").asText();
        assertEquals(0, cli.run("logout").code());
        assertEquals(ExitCodes.AUTH, cli.run("whoami").code());
        // The refresh token was revoked at Keycloak, not only forgotten here.
        sessions = (ObjectNode) JSON.readTree(credentials.toFile());
        sessions.set(gateway.url(), session.put("refresh_token", refreshToken).put("expires_at", 0));
        Files.writeString(credentials, sessions.toString());
        Cli.Result revoked = cli.run("whoami");
        assertEquals(ExitCodes.AUTH, revoked.code(), revoked.toString());
    }

    @Test
    void aBrowserOnThisMachineLogsInWithPkceOnALoopbackPort() throws Exception {
        String user = "pkce-" + UUID.randomUUID().toString().substring(0, 8);
        String password = realm.createUser(user);
        Cli cli = new Cli(Files.createTempDirectory(data, user + "-"), gateway.url()).with("HPCGW_ISSUER", realm.issuer());
        Cli.Running login = cli.start("login", "--browser", "-o", "json");
        String url = awaitLine(login, AUTHORIZATION_URL);
        assertTrue(url.contains("code_challenge_method=S256") && url.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A"), url);
        String page = new LoginPages().logIn(url, user, password);
        assertTrue(page.contains("You are logged in"), page);
        assertTrue(login.process().waitFor(60, TimeUnit.SECONDS), "the command exchanged the code");
        assertEquals(0, login.process().exitValue(), Files.readString(login.err()));
        assertEquals(user, JSON.readTree(login.out().toFile()).path("clusterUser").asText());
    }

    /** The line with the address to open, as soon as the command has printed it. */
    private static String awaitLine(Cli.Running login, Pattern line) throws Exception {
        Path err = login.err();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end && login.process().isAlive()) {
            Matcher matcher = line.matcher(Files.readString(err));
            if (matcher.find()) {
                return matcher.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("hpcgw login printed no address: " + Files.readString(err));
    }
}
