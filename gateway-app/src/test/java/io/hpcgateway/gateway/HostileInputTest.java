package io.hpcgateway.gateway;

import static io.hpcgateway.gateway.JobFlowTest.FINISH;
import static io.hpcgateway.gateway.JobFlowTest.as;
import static io.hpcgateway.gateway.JobFlowTest.awaitFinal;
import static io.hpcgateway.gateway.JobFlowTest.create;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.devkeys.DevKeyPair;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway against a corpus of hostile requests kept as data ({@code hostile/gateway.jsonl}, one
 * case a line): each must get one of its expected 4xx statuses with the {@code {error, message,
 * details}} shape (or be one of the documented answers the HTTP decoder gives without a body),
 * name no Java class, show no server path outside the caller's own folder, and touch no file of
 * another user's or outside every user's folder. Afterwards both services are still healthy.
 */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(java|javax|jakarta|io\\.vertx|io\\.quarkus|io\\.netty|io\\.smallrye|org\\.jboss|org\\.jose4j"
                    + "|com\\.fasterxml|com\\.mongodb|io\\.hpcgateway)\\.[A-Za-z]|Exception\\b|\\tat ");
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<![\\w.:/])/(?:tmp|var|etc|root|home|opt|usr|proc"
            + "|work|srv|run)/[^\\s\"',)]*");
    private static final String BOB_SECRET = "bob's secret";
    private static final String CANARY = "canary: nothing may touch this";

    private String job;
    private String bobJob;
    private String aliceFolder;
    private Path canary;

    /** Once, before the first case (RestAssured knows the test port only once a test runs). */
    private void prepare() throws IOException {
        if (job != null) {
            return;
        }
        job = create("alice", Map.of("name", "hostile", "command", "ln -s /etc/passwd outlink"));
        as("alice").post("/api/v2/jobs/" + job + "/launch").then().statusCode(200);
        awaitFinal("alice", job, FINISH);
        as("alice").contentType("application/octet-stream").body("hello world".getBytes(StandardCharsets.UTF_8))
                .put("/api/v2/jobs/" + job + "/files/in.txt").then().statusCode(201);
        aliceFolder = as("alice").get("/api/v2/jobs/" + job).then().extract().path("folder");
        bobJob = create("bob", Map.of("name", "private", "command", "true"));
        as("bob").contentType("application/octet-stream").body(BOB_SECRET.getBytes(StandardCharsets.UTF_8))
                .put("/api/v2/jobs/" + bobJob + "/files/secret.txt").then().statusCode(201);
        canary = FrontendProcess.DATA.resolve("canary.txt");
        Files.writeString(canary, CANARY);
    }

    Stream<JsonNode> corpus() throws IOException {
        List<JsonNode> cases = new ArrayList<>();
        try (InputStream in = HostileInputTest.class.getResourceAsStream("/hostile/gateway.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    cases.add(JSON.readTree(line));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @Order(1)
    void isRefusedCleanly(JsonNode hostile) throws IOException {
        prepare();
        String name = hostile.get("case").asText();
        Answer answer = hostile.has("raw") ? raw(hostile) : http(hostile);
        List<Integer> expected = new ArrayList<>();
        hostile.get("status").forEach(status -> expected.add(status.asInt()));
        assertTrue(expected.contains(answer.status()), name + ": expected " + expected + ", got " + answer.status()
                + " " + answer.body());
        if (answer.status() < 400) {
            return; // a case that may also be accepted harmlessly (its "note" says how)
        }
        if (hostile.has("bodyless") && answer.body().isEmpty()) {
            return; // documented: answered before the gateway's error layer exists
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            fail(name + ": the answer is not JSON: " + answer.body());
            return;
        }
        assertTrue(body.hasNonNull("error") && body.hasNonNull("message") && body.has("details"),
                name + ": not the {error, message, details} shape: " + answer.body());
        if (!hostile.has("raw")) {
            assertEquals("nosniff", answer.nosniff(), name + ": X-Content-Type-Options");
            assertEquals("no-store", answer.cacheControl(), name + ": Cache-Control");
        }
        Matcher className = CLASS_NAME.matcher(answer.body());
        assertFalse(className.find(), name + ": names a Java class or exception: " + answer.body());
        Matcher path = ABSOLUTE_PATH.matcher(answer.body());
        String sent = URLDecoder.decode(hostile.toString(), StandardCharsets.UTF_8);
        while (path.find()) {
            // A path the request itself named is the caller's own words quoted back, not a disclosure.
            assertTrue(path.group().startsWith(aliceFolder) || sent.contains(path.group()), name + ": shows a "
                    + "server path outside the caller's folder: " + path.group());
        }
    }

    @Test
    @Order(2)
    void nothingWasTouchedAndBothServicesAreHealthy() throws IOException {
        prepare();
        assertEquals(CANARY, Files.readString(canary));
        assertEquals(BOB_SECRET, as("bob").get("/api/v2/jobs/" + bobJob + "/files/secret.txt").then().statusCode(200)
                .extract().asString());
        assertEquals("hello world", as("alice").get("/api/v2/jobs/" + job + "/files/in.txt").then().statusCode(200)
                .extract().asString());
        // The test profile has a cluster that is down on purpose, so the gateway's own readiness is not
        // the measure here: the gateway still answers, and the front end is still ready.
        as("alice").get("/api/v2/me").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get(ConfigProvider.getConfig().getValue("gateway.clusters.local.url", String.class) + "/q/health/ready")
                .then().statusCode(200);
    }

    private record Answer(int status, String body, String nosniff, String cacheControl) {}

    private Answer http(JsonNode hostile) throws IOException {
        RequestSpecification request = given().urlEncodingEnabled(false);
        String token = token(hostile.path("token").asText("alice"));
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        for (Iterator<Map.Entry<String, JsonNode>> headers = hostile.path("headers").fields(); headers.hasNext(); ) {
            Map.Entry<String, JsonNode> header = headers.next();
            request = request.header(header.getKey(), header.getValue().asText());
        }
        String body = body(hostile);
        if (body != null) {
            String type = hostile.path("contentType").asText("application/json");
            request = type.startsWith("application/x-www-form-urlencoded") ? request.contentType(type).body(body)
                    : request.contentType(type).body(body.getBytes(StandardCharsets.UTF_8));
        }
        Response response = request.request(hostile.get("method").asText(), fill(hostile.get("path").asText()));
        return new Answer(response.statusCode(), response.asString(), response.header("X-Content-Type-Options"),
                response.header("Cache-Control"));
    }

    private String body(JsonNode hostile) throws IOException {
        if (hostile.has("json")) {
            return JSON.writeValueAsString(hostile.get("json"));
        }
        if (hostile.has("body")) {
            return fill(hostile.get("body").asText());
        }
        return switch (hostile.path("generated").asText("")) {
            case "many-env" -> {
                StringBuilder env = new StringBuilder();
                for (int i = 0; i < 10_000; i++) {
                    env.append(i == 0 ? "" : ",").append("\"V").append(i).append("\":\"x\"");
                }
                yield "{\"name\":\"x\",\"command\":\"true\",\"env\":{" + env + "}}";
            }
            case "huge-env" -> "{\"name\":\"x\",\"command\":\"true\",\"env\":{\"BIG\":\"" + "x".repeat(1 << 20) + "\"}}";
            case "huge-command" -> "{\"name\":\"x\",\"command\":\"" + "x".repeat(1 << 20) + "\"}";
            case "deep" -> "{\"name\":\"x\",\"template\":\"batch-standard\",\"parameters\":{\"a\":"
                    + "{\"b\":".repeat(500) + "1" + "}".repeat(500) + "}}";
            case "huge-key" -> "{\"publicKey\":\"" + "A".repeat(1 << 20) + "\"}";
            case "long-number" -> "{\"name\":\"x\",\"command\":\"true\",\"resources\":{\"nodes\":"
                    + "9".repeat(5000) + "}}";
            case "" -> null;
            default -> throw new IllegalArgumentException("unknown generated body " + hostile.get("generated"));
        };
    }

    private Answer raw(JsonNode hostile) throws IOException {
        String request = fill(hostile.get("raw").asText()).replace("{token}", Tokens.of("alice"));
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(answer.substring(9, 12));
            int bodyStart = answer.indexOf("\r\n\r\n");
            return new Answer(status, bodyStart < 0 ? "" : answer.substring(bodyStart + 4).strip(), null, null);
        }
    }

    private String fill(String text) {
        return text.replace("{job}", job).replace("{bobJob}", bobJob).replace("{long}", "a".repeat(10_000))
                .replace("{long4}", "b".repeat(40_000));
    }

    private static String token(String kind) {
        return switch (kind) {
            case "none" -> null;
            case "alice" -> Tokens.of("alice");
            case "admin" -> Tokens.of("ada", "admin");
            case "not-a-jwt" -> "not-a-jwt";
            case "nameless" -> Tokens.withClaims(Map.of("groups", List.of("user")));
            case "id-token" -> Tokens.withClaims(Map.of("sub", "alice", "preferred_username", "alice", "typ", "ID"));
            case "other-issuer" -> Jwt.claims(Map.of("sub", "alice", "preferred_username", "alice")).issuer("evil")
                    .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600))
                    .sign(DevKeyPair.readPrivateKey(FrontendProcess.KEYS.resolve(DevKeyPair.PRIVATE_KEY_FILE)));
            case "forged" -> {
                try {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    yield Jwt.claims(Map.of("sub", "alice", "preferred_username", "alice")).issuer("hpc-gateway-dev")
                            .expiresAt(Instant.now().plusSeconds(600)).sign(generator.generateKeyPair().getPrivate());
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
            case "alg-none" -> Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + Base64.getUrlEncoder()
                    .withoutPadding().encodeToString(("{\"sub\":\"alice\",\"preferred_username\":\"alice\",\"iss\":"
                            + "\"hpc-gateway-dev\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}")
                            .getBytes(StandardCharsets.UTF_8)) + ".";
            default -> throw new IllegalArgumentException("unknown token kind " + kind);
        };
    }
}
