package io.hpcgateway.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hpcgateway.http.TestCertificates;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped deployment, whole: deploy/local/compose-up.sh runs every service of
 * deploy/docker-compose.yml (all profiles) with the environment `docker-compose config` gives it
 * from env.template and test values, over a certificate made with openssl for this run. A user of
 * the shipped realm, with a token from that Keycloak, runs a job over HTTPS through the gateway and
 * through the edge (edge, RabbitMQ, relay, gateway), and Prometheus scrapes every service.
 */
class ComposeStackIT {

    static final Path STATE = Path.of("target/compose-state").toAbsolutePath();
    static final Duration FINISH = Duration.ofSeconds(120);
    static final Set<String> FINAL = Set.of("completed", "failed", "cancelled", "timeout");
    static final String GATEWAY = "https://localhost:8443";
    static final String EDGE = "https://localhost:8643";
    static final String KEYCLOAK = "https://localhost:8543";
    // An account of the login node (deploy/local/users.sh add alice, as test.sh does).
    static final String USER = "alice";

    static Map<String, String> env;
    static RestAssuredConfig tls;
    static String token;

    @BeforeAll
    static void up() throws Exception {
        assumeTrue(Commands.root() || "true".equals(System.getenv("CI")),
                "compose-up.sh runs as root (deploy/local/test.sh)");
        Commands.run(List.of("bash", "deploy/local/compose-up.sh", "down", STATE.toString()), Map.of(), 120);
        Commands.run(List.of("rm", "-rf", STATE.toString()), Map.of(), 60);
        Commands.Result init = Commands.run(List.of("bash", "deploy/local/compose-up.sh", "init", STATE.toString()),
                Map.of(), 60);
        assertEquals(0, init.exitCode(), init.output());
        Commands.Result up = Commands.run(List.of("bash", "deploy/local/compose-up.sh", "up", STATE.toString()),
                Map.of(), 900);
        assertEquals(0, up.exitCode(), up.output());
        env = Commands.assignments(STATE.resolve(".env"));
        // The CA compose-up.sh init made: servers' certificates and host names are verified.
        tls = RestAssuredConfig.config().sslConfig(SSLConfig.sslConfig()
                .trustStore(new TestCertificates(STATE.resolve("tls")).trustStore()));
        token = userToken();
    }

    @AfterAll
    static void down() throws Exception {
        if (env != null) {
            Commands.run(List.of("bash", "deploy/local/compose-up.sh", "down", STATE.toString()), Map.of(), 120);
        }
    }

    @Test
    void aRealmUserRunsAJobOverHttpsThroughTheGateway() {
        runJob(GATEWAY, "direct");
    }

    @Test
    void theSameFlowRunsThroughTheEdgeTheBrokerAndTheRelay() {
        runJob(EDGE, "relayed");
    }

    @Test
    void plainHttpIsOffAndHttpsCarriesHsts() {
        given().config(tls).get(GATEWAY + "/q/health/live").then().statusCode(200)
                .header("Strict-Transport-Security", equalTo("max-age=31536000"));
        given().config(tls).get(EDGE + "/q/health/ready").then().statusCode(200)
                .header("Strict-Transport-Security", equalTo("max-age=31536000"));
        // The compose file turns plain HTTP off on the public ports: nothing listens on 8080.
        assertTrue(refused(8080), "the gateway's plain HTTP port answers");
        assertTrue(refused(8091), "the edge's plain HTTP port answers");
    }

    @Test
    void prometheusScrapesEveryService() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonPath targets = given().get("http://127.0.0.1:9090/api/v1/targets").then().statusCode(200)
                    .extract().jsonPath();
            List<String> jobs = targets.getList("data.activeTargets.labels.job");
            assertEquals(Set.of("gateway", "cluster-frontend", "relay", "edge", "keycloak", "rabbitmq", "prometheus"),
                    Set.copyOf(jobs));
            assertEquals(List.of(), targets.getList("data.activeTargets.findAll { it.health != 'up' }"
                    + ".collect { it.labels.job + ': ' + it.lastError }"));
        });
        // The rules the compose file mounts are loaded.
        given().get("http://127.0.0.1:9090/api/v1/rules").then().statusCode(200)
                .body("data.groups.rules.flatten().name", hasItem("HPCSchedulerDisconnected"));
    }

    @Test
    void productionLogsAreJsonLinesAndRequestsCarryTheirId() throws Exception {
        String id = "it-" + UUID.randomUUID();
        given().config(tls).header("X-Request-Id", id).auth().oauth2(token).get(GATEWAY + "/api/v2/me").then()
                .statusCode(200).header("X-Request-Id", equalTo(id));
        Path log = STATE.resolve("logs/gateway.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains(id));
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (String line : lines) {
            assertTrue(line.startsWith("{") && line.endsWith("}"), "not a JSON line: " + line);
        }
        String access = lines.stream().filter(l -> l.contains(id)).findFirst().orElseThrow();
        assertEquals(id, JsonPath.from(access).getString("mdc.requestId"), access);
        assertTrue(lines.stream().noneMatch(l -> l.contains("MongoClientSettings")), "the driver's settings dump");
        assertTrue(lines.stream().noneMatch(l -> l.contains(env.get("MONGO_PASSWORD"))), "the database password");
    }

    @Test
    void aUsersRequestIdReachesTheFrontEndsLog() throws Exception {
        String created = bearer().contentType(ContentType.JSON).body(Map.of("name", "traced", "command", "true"))
                .post(GATEWAY + "/api/v2/jobs").then().statusCode(201).extract().path("id");
        String upload = "up-" + UUID.randomUUID();
        String launch = "launch-" + UUID.randomUUID();
        bearer().header("X-Request-Id", upload).contentType("application/octet-stream").body(new byte[] {1, 2, 3})
                .put(GATEWAY + "/api/v2/jobs/" + created + "/files/in.bin").then().statusCode(201);
        bearer().header("X-Request-Id", launch).post(GATEWAY + "/api/v2/jobs/" + created + "/launch").then()
                .statusCode(200);
        Path log = STATE.resolve("logs/frontend.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            String text = Files.readString(log);
            return text.contains("\"requestId\":\"" + upload + "\"") && text.contains("\"requestId\":\"" + launch + "\"");
        });
    }

    static void runJob(String base, String text) {
        String id = bearer().contentType(ContentType.JSON)
                .body(Map.of("name", "compose-" + text, "command", "tr a-z A-Z < in.txt > out.txt"))
                .post(base + "/api/v2/jobs").then().statusCode(201).extract().path("id");
        bearer().contentType("application/octet-stream").body(("hello " + text).getBytes(StandardCharsets.UTF_8))
                .put(base + "/api/v2/jobs/" + id + "/files/in.txt").then().statusCode(201);
        bearer().post(base + "/api/v2/jobs/" + id + "/launch").then().statusCode(200);
        await().atMost(FINISH).pollInterval(Duration.ofMillis(500)).until(() -> FINAL.contains(
                bearer().get(base + "/api/v2/jobs/" + id).then().extract().path("state")));
        bearer().get(base + "/api/v2/jobs/" + id).then().statusCode(200).body("state", equalTo("completed"))
                .body("folder", equalTo("/home/" + USER + "/hpc-gateway/" + id));
        assertEquals("HELLO " + text.toUpperCase(), bearer().get(base + "/api/v2/jobs/" + id + "/files/out.txt")
                .then().statusCode(200).extract().asString());
    }

    static RequestSpecification bearer() {
        return given().config(tls).auth().oauth2(token);
    }

    /** A realm user of the shipped realm (made through Keycloak's admin API) and its access token. */
    static String userToken() throws Exception {
        String admin = given().config(tls).formParams(Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", env.get("KEYCLOAK_ADMIN_USER"), "password", env.get("KEYCLOAK_ADMIN_PASSWORD")))
                .post(KEYCLOAK + "/realms/master/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
        String password = UUID.randomUUID().toString();
        given().config(tls).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", USER, "enabled", true, "email", USER + "@example.org", "emailVerified", true,
                        "firstName", USER, "lastName", "HPC", "credentials",
                        List.of(Map.of("type", "password", "value", password, "temporary", false))))
                .post(KEYCLOAK + "/admin/realms/hpc/users").then().statusCode(201);
        return given().config(tls).formParams(Map.of("grant_type", "password", "client_id", "hpc-cli",
                        "username", USER, "password", password))
                .post(KEYCLOAK + "/realms/hpc/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
    }

    static boolean refused(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
