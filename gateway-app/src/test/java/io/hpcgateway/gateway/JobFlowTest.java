package io.hpcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The whole job flow through the gateway, the front end process and the scheduler (real SLURM in CI). */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
class JobFlowTest {

    static final Duration FINISH = Duration.ofSeconds(90);
    /** SLURM enforces a one-minute limit 70-85 s after submission. */
    static final Duration TIMEOUT_FINISH = Duration.ofSeconds(180);
    static final Set<String> FINAL = Set.of("completed", "failed", "cancelled", "timeout");

    @Test
    void uploadLaunchCompleteAndDownloadByteIdentical() throws Exception {
        byte[] input = new byte[1024 * 1024 + 7];
        new Random(7).nextBytes(input);
        String id = create("alice", Map.of("name", "copy", "command", "cp input.bin output.bin && echo copied"));
        as("alice").body(input).queryParam("sha256", sha256(input)).put("/api/v2/jobs/" + id + "/files/input.bin")
                .then().statusCode(201).body("size", equalTo(input.length));
        as("alice").post("/api/v2/jobs/" + id + "/launch").then().statusCode(200).body("state", equalTo("queued"))
                .body("schedulerJobId", notNullValue());
        JsonPath job = awaitFinal("alice", id, FINISH);
        assertEquals("completed", job.getString("state"), job.prettify());
        assertEquals(0, job.getInt("exitCode"));
        List<String> states = job.getList("events.to");
        assertEquals(List.of("pending", "queued"), states.subList(0, 2));
        assertEquals("completed", states.get(states.size() - 1));

        byte[] output = as("alice").get("/api/v2/jobs/" + id + "/files/output.bin").then().statusCode(200)
                .extract().asByteArray();
        assertArrayEquals(input, output);
        byte[] part = as("alice").header("Range", "bytes=10-19").get("/api/v2/jobs/" + id + "/files/output.bin")
                .then().statusCode(206).header("Content-Range", "bytes 10-19/" + input.length).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(input, 10, 20), part);
        as("alice").get("/api/v2/jobs/" + id + "/files").then().statusCode(200)
                .body("path", hasItem("output.bin")).body("path", hasItem("input.bin"));
        as("alice").get("/api/v2/jobs?state=completed").then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void aFailingCommandEndsFailedWithItsExitCode() {
        String id = create("alice", Map.of("name", "fails", "command", "echo about to fail >&2; exit 3"));
        as("alice").post("/api/v2/jobs/" + id + "/launch").then().statusCode(200);
        JsonPath job = awaitFinal("alice", id, FINISH);
        assertEquals("failed", job.getString("state"));
        assertEquals(3, job.getInt("exitCode"));
        as("alice").post("/api/v2/jobs/" + id + "/launch").then().statusCode(409).body("error", equalTo("conflict"));
    }

    @Test
    void cancellingARunningJobEndsCancelled() {
        String id = create("alice", Map.of("name", "sleeper", "command", "sleep 300"));
        as("alice").post("/api/v2/jobs/" + id + "/launch").then().statusCode(200);
        await().atMost(FINISH).until(() -> state("alice", id).equals("running"));
        as("alice").body("x").put("/api/v2/jobs/" + id + "/files/late.txt").then().statusCode(409);
        as("alice").post("/api/v2/jobs/" + id + "/cancel").then().statusCode(202);
        assertEquals("cancelled", awaitFinal("alice", id, FINISH).getString("state"));
    }

    @Test
    void aJobOverItsTimeLimitEndsTimeout() {
        String id = create("alice", Map.of("name", "overrun", "command", "sleep 300",
                "resources", Map.of("timeLimitMinutes", 1)));
        as("alice").post("/api/v2/jobs/" + id + "/launch").then().statusCode(200);
        assertEquals("timeout", awaitFinal("alice", id, TIMEOUT_FINISH).getString("state"));
    }

    @Test
    void cancellingBeforeLaunchNeedsNoScheduler() {
        String id = create("alice", Map.of("name", "never", "command", "true"));
        as("alice").post("/api/v2/jobs/" + id + "/cancel").then().statusCode(202).body("state", equalTo("cancelled"));
        as("alice").post("/api/v2/jobs/" + id + "/cancel").then().statusCode(409);
    }

    @Test
    void deleteRemovesTheFolderAndTheRecord() {
        String id = create("alice", Map.of("name", "doomed", "command", "sleep 300"));
        String folder = as("alice").get("/api/v2/jobs/" + id).then().extract().path("folder");
        as("alice").body("data").put("/api/v2/jobs/" + id + "/files/a/b/data.txt").then().statusCode(201);
        assertTrue(Files.isRegularFile(Path.of(folder, "a/b/data.txt")));
        as("alice").post("/api/v2/jobs/" + id + "/launch").then().statusCode(200);
        as("alice").delete("/api/v2/jobs/" + id).then().statusCode(204);
        assertFalse(Files.exists(Path.of(folder)));
        as("alice").get("/api/v2/jobs/" + id).then().statusCode(404);
    }

    @Test
    void concurrentLaunchesSubmitOnce() {
        String id = create("alice", Map.of("name", "once", "command", "true"));
        List<CompletableFuture<Integer>> launches = List.of(1, 2, 3, 4).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> as("alice").post("/api/v2/jobs/" + id + "/launch")
                        .then().statusCode(anyOf(is(200), is(202))).extract().<Integer>path("schedulerJobId")))
                .toList();
        awaitFinal("alice", id, FINISH);
        long schedulerId = as("alice").get("/api/v2/jobs/" + id).then().extract().jsonPath().getLong("schedulerJobId");
        long submitted = as("alice").get("/api/v2/jobs/" + id).then().extract().jsonPath().getList("events.reason")
                .stream().filter(r -> r.toString().startsWith("submitted")).count();
        assertEquals(1, submitted, "one submission event");
        for (CompletableFuture<Integer> launch : launches) {
            Integer seen = launch.join();
            assertTrue(seen == null || seen == schedulerId, "every launch answered with the one scheduler job "
                    + "(202, without one, while the first was still submitting)");
        }
    }

    @Test
    void anotherUsersJobIsNotFoundEverywhere() {
        String id = create("alice", Map.of("name", "private", "command", "true"));
        as("alice").body("secret").put("/api/v2/jobs/" + id + "/files/secret.txt").then().statusCode(201);
        String base = "/api/v2/jobs/" + id;
        as("bob").get(base).then().statusCode(404);
        as("bob").post(base + "/launch").then().statusCode(404);
        as("bob").post(base + "/cancel").then().statusCode(404);
        as("bob").delete(base).then().statusCode(404);
        as("bob").get(base + "/files").then().statusCode(404);
        as("bob").get(base + "/files/secret.txt").then().statusCode(404);
        as("bob").body("x").put(base + "/files/dropped.txt").then().statusCode(404);
        as("bob").delete(base + "/files/secret.txt").then().statusCode(404);
        as("bob").get("/api/v2/jobs").then().statusCode(200).body("items.id", not(hasItem(id)));
        as("alice").get(base).then().statusCode(200).body("state", equalTo("pending"));
        as("alice").get(base + "/files/secret.txt").then().statusCode(200).body(equalTo("secret"));
    }

    @Test
    void badInputAnswers4xxWithWhatToFix() throws Exception {
        given().get("/api/v2/jobs").then().statusCode(401).body("error", equalTo("unauthorized"));
        given().auth().oauth2("not.a.token").get("/api/v2/jobs").then().statusCode(401);
        as("alice").contentType(ContentType.JSON).body("{\"name\": ").post("/api/v2/jobs").then().statusCode(400)
                .body("error", notNullValue()).body("message", notNullValue());
        as("alice").contentType(ContentType.JSON).body(Map.of("command", "true")).post("/api/v2/jobs").then()
                .statusCode(400).body("details.field", equalTo("name"));
        as("alice").contentType(ContentType.JSON).body(Map.of("name", "x", "command", "true", "script", "#!/bin/sh"))
                .post("/api/v2/jobs").then().statusCode(400).body("details.field", equalTo("script"));
        as("alice").contentType(ContentType.JSON).body(Map.of("name", "x", "command", "true",
                "resources", Map.of("nodes", 0))).post("/api/v2/jobs").then().statusCode(400)
                .body("details.field", equalTo("resources.nodes"));
        as("alice").contentType(ContentType.JSON).body(Map.of("name", "x", "command", "true", "cluster", "nowhere"))
                .post("/api/v2/jobs").then().statusCode(400).body("message", containsString("Unknown cluster"));
        as("alice").get("/api/v2/jobs?state=sleeping").then().statusCode(400).body("details.field", equalTo("state"));
        as("alice").get("/api/v2/jobs/no-such-job").then().statusCode(404);

        String id = create("alice", Map.of("name", "paths", "command", "true"));
        Path folder = Path.of(as("alice").get("/api/v2/jobs/" + id).then().extract().<String>path("folder"));
        // Dot segments, raw or encoded, are refused before routing (400); others reach the path check (403).
        for (String escape : List.of("../escape.txt", "a/../../escape.txt", "%2E%2E/escape.txt",
                "a/%2E%2E/%2E%2E/escape.txt", "%2Fescape.txt", "x%00y")) {
            int status = as("alice").urlEncodingEnabled(false).body("x").put("/api/v2/jobs/" + id + "/files/" + escape)
                    .then().extract().statusCode();
            assertTrue(status == 400 || status == 403, escape + " answered " + status);
        }
        try (var walk = Files.walk(folder.getParent().getParent())) {
            assertTrue(walk.noneMatch(p -> p.getFileName().toString().startsWith("escape")), "nothing escaped the folder");
        }
        as("alice").body("hello").queryParam("sha256", "0".repeat(64)).put("/api/v2/jobs/" + id + "/files/bad.txt")
                .then().statusCode(422).body("error", equalTo("checksum_mismatch"));
        as("alice").get("/api/v2/jobs/" + id + "/files/bad.txt").then().statusCode(404);
    }

    @Test
    void aClusterThatDoesNotAnswerGives503WithARetryHint() {
        as("alice").contentType(ContentType.JSON).body(Map.of("name", "x", "command", "true", "cluster", "down"))
                .post("/api/v2/jobs").then().statusCode(503).header("Retry-After", notNullValue())
                .body("error", equalTo("cluster_unavailable"));
    }

    @Test
    void meDescribesTheCaller() {
        as("carol", "user", "provider").get("/api/v2/me").then().statusCode(200)
                .body("clusterUser", equalTo("carol")).body("roles", hasItem("provider"));
    }

    // ---- helpers --------------------------------------------------------------------------------

    static RequestSpecification as(String user, String... roles) {
        return given().auth().oauth2(Tokens.of(user, roles));
    }

    static String create(String user, Map<String, Object> request) {
        return as(user).contentType(ContentType.JSON).body(request).post("/api/v2/jobs").then().statusCode(201)
                .body("state", equalTo("pending")).extract().path("id");
    }

    static String state(String user, String id) {
        return as(user).get("/api/v2/jobs/" + id).then().statusCode(200).extract().path("state");
    }

    static JsonPath awaitFinal(String user, String id, Duration deadline) {
        await().atMost(deadline).pollInterval(Duration.ofMillis(300)).until(() -> FINAL.contains(state(user, id)));
        return as(user).get("/api/v2/jobs/" + id).then().statusCode(200).extract().jsonPath();
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
