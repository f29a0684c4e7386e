package io.hpcgateway.frontend;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.frontend.filesystem.UserPaths;
import io.hpcgateway.frontend.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The front end against a corpus of hostile requests kept as data ({@code hostile/frontend.jsonl},
 * one case a line): each gets one of its expected 4xx statuses in the error shape FirecREST
 * clients read ({@code errorType}, {@code message}) with the project's ({@code error}), or is one
 * of the documented bodiless answers of the HTTP decoder; no Java class is named, no server path
 * outside the caller's folder is shown unless the request named it, and nothing outside the
 * caller's folder or of another user's changes. Afterwards the front end is still ready.
 */
@QuarkusTest
@TestProfile(LocalBackendProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(java|javax|jakarta|io\\.vertx|io\\.quarkus|io\\.netty|org\\.jboss|org\\.jose4j|com\\.fasterxml"
                    + "|org\\.apache|io\\.hpcgateway)\\.[A-Za-z]|Exception\\b|\\tat ");
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<![\\w.:/])/(?:tmp|var|etc|root|home|opt|usr|proc"
            + "|work|srv|run)/[^\\s\"',)]*");
    private static final String BOB_SECRET = "bob's secret";
    private static final String CANARY = "canary: nothing may touch this";

    @Inject
    UserPaths paths;

    private Path home;
    private Path bobHome;
    private Path canary;
    private long bobJob;

    /** Once, before the first case (RestAssured knows the test port only once a test runs). */
    private void prepare() throws IOException {
        if (canary != null) {
            return;
        }
        home = paths.homeOf("alice").resolve("hostile-" + System.nanoTime());
        as("alice").contentType(ContentType.JSON).body(Map.of("path", home.toString(), "parent", true))
                .post("/filesystem/local/ops/mkdir").then().statusCode(201);
        Files.writeString(home.resolve("in.txt"), "hello world");
        Files.createSymbolicLink(home.resolve("escape"), Path.of("/etc"));
        bobHome = paths.homeOf("bob").resolve("hostile-" + System.nanoTime());
        as("bob").contentType(ContentType.JSON).body(Map.of("path", bobHome.toString(), "parent", true))
                .post("/filesystem/local/ops/mkdir").then().statusCode(201);
        Files.writeString(bobHome.resolve("secret.txt"), BOB_SECRET);
        bobJob = as("bob").contentType(ContentType.JSON).body(Map.of("job", Map.of("workingDirectory",
                bobHome.toString(), "script", "#!/bin/sh\nsleep 120\n"))).post("/compute/local/jobs").then()
                .statusCode(201).extract().jsonPath().getLong("jobId");
        canary = Files.createTempDirectory("hostile-canary-").resolve("canary.txt");
        Files.writeString(canary, CANARY);
    }

    Stream<JsonNode> corpus() throws IOException {
        List<JsonNode> cases = new ArrayList<>();
        try (InputStream in = HostileInputTest.class.getResourceAsStream("/hostile/frontend.jsonl")) {
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
            return; // documented: answered before the front end's error layer exists
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            fail(name + ": the answer is not JSON: " + answer.body());
            return;
        }
        assertTrue(body.hasNonNull("errorType") && body.hasNonNull("error") && body.hasNonNull("message"),
                name + ": not the error shape: " + answer.body());
        if (!hostile.has("raw")) {
            assertEquals("nosniff", answer.nosniff(), name + ": X-Content-Type-Options");
            assertEquals("no-store", answer.cacheControl(), name + ": Cache-Control");
        }
        Matcher className = CLASS_NAME.matcher(answer.body());
        assertFalse(className.find(), name + ": names a Java class or exception: " + answer.body());
        Matcher path = ABSOLUTE_PATH.matcher(answer.body());
        String sent = URLDecoder.decode(fill(hostile.toString()), StandardCharsets.UTF_8);
        while (path.find()) {
            assertTrue(path.group().startsWith(paths.homeOf("alice").toString()) || sent.contains(path.group()),
                    name + ": shows a server path outside the caller's folder: " + path.group());
        }
    }

    @Test
    @Order(2)
    void nothingWasTouchedAndTheFrontEndIsReady() throws IOException {
        prepare();
        assertEquals(CANARY, Files.readString(canary));
        assertEquals(BOB_SECRET, Files.readString(bobHome.resolve("secret.txt")));
        assertEquals("hello world", Files.readString(home.resolve("in.txt")));
        assertTrue(Files.isSymbolicLink(home.resolve("escape")));
        assertFalse(Files.exists(Path.of("/tmp/hostile-mkdir")));
        assertFalse(Files.exists(home.getParent().getParent().resolve("escape.txt")), "an upload's name left the folder");
        as("bob").get("/compute/local/jobs/" + bobJob).then().statusCode(200);
        as("bob").delete("/compute/local/jobs/" + bobJob).then().statusCode(204);
        given().get("/q/health/ready").then().statusCode(200);
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
        if (hostile.has("json")) {
            request = request.contentType(ContentType.JSON).body(fill(JSON.writeValueAsString(hostile.get("json"))));
        } else if (hostile.has("body")) {
            request = request.contentType(hostile.path("contentType").asText("application/json"))
                    .body(fill(hostile.get("body").asText()).getBytes(StandardCharsets.UTF_8));
        } else if (hostile.has("multipart")) {
            request = request.multiPart("file", hostile.get("multipart").asText(), "x".getBytes(StandardCharsets.UTF_8));
        } else if ("deep".equals(hostile.path("generated").asText())) {
            request = request.contentType(ContentType.JSON).body("{\"job\":{\"env\":" + "{\"a\":".repeat(2000) + "1"
                    + "}".repeat(2000) + "}}");
        }
        Response response = request.request(hostile.get("method").asText(), fill(hostile.get("path").asText()));
        return new Answer(response.statusCode(), response.asString(), response.header("X-Content-Type-Options"),
                response.header("Cache-Control"));
    }

    private Answer raw(JsonNode hostile) throws IOException {
        String request = fill(hostile.get("raw").asText()).replace("{token}", TestTokens.valid("alice"));
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int bodyStart = answer.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(answer.substring(9, 12)),
                    bodyStart < 0 ? "" : answer.substring(bodyStart + 4).strip(), null, null);
        }
    }

    private String fill(String text) {
        return text.replace("{home}", home.toString()).replace("{bobHome}", bobHome.toString())
                .replace("{canary}", canary.toString()).replace("{bobJob}", Long.toString(bobJob));
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(TestTokens.valid(user));
    }

    private static String token(String kind) {
        return switch (kind) {
            case "none" -> null;
            case "alice" -> TestTokens.valid("alice");
            case "not-a-jwt", "abc.def.ghi" -> kind;
            case "forged" -> TestTokens.signedByAnotherKey("alice");
            case "expired" -> TestTokens.expiringIn("alice", -60);
            case "alg-none" -> Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + Base64.getUrlEncoder()
                    .withoutPadding().encodeToString(("{\"sub\":\"alice\",\"preferred_username\":\"alice\",\"exp\":"
                            + (Instant.now().getEpochSecond() + 600) + "}").getBytes(StandardCharsets.UTF_8)) + ".";
            default -> throw new IllegalArgumentException("unknown token kind " + kind);
        };
    }
}
