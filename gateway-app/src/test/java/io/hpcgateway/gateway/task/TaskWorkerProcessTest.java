package io.hpcgateway.gateway.task;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.TaskWorkerProcess;
import io.hpcgateway.gateway.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real task worker and the reference pi image, as processes, against the gateway: the
 * client contract of seed 003 end to end (pilots on SLURM are {@code TaskPilotsTest}'s).
 */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
class TaskWorkerProcessTest {

    private static final Duration DONE = Duration.ofSeconds(90);

    @Test
    void aWorkerRunsABatchInThePiImageAndLeavesWhenIdle() throws Exception {
        String user = "alice-" + UUID.randomUUID().toString().substring(0, 8);
        String batch = submit(user, 200, 20_000);
        JsonPath worker = enrol(user);
        try (TaskWorkerProcess process = TaskWorkerProcess.start(gateway(), worker.getString("id"),
                worker.getString("token"), 8, 3)) {
            await().atMost(DONE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> as(user)
                    .get("/api/v2/tasks/batches/" + batch).then().body("states.completed", equalTo(200)));
            JsonPath page = as(user).get("/api/v2/tasks?batch=" + batch + "&limit=1000").then().extract().jsonPath();
            List<Float> estimates = page.getList("items.result.pi", Float.class);
            assertEquals(200, estimates.size());
            estimates.forEach(pi -> assertTrue(pi > 2.9 && pi < 3.4, "a pi of 20,000 samples: " + pi));
            assertEquals(1, page.getList("items.attempts", Integer.class).stream().distinct().count());
            assertEquals(200, page.getList("items.startedAt").stream().filter(java.util.Objects::nonNull).count(),
                    "each completion says when its task started");
            assertTrue(process.process().waitFor(60, TimeUnit.SECONDS), "an idle worker leaves: " + process.output());
            assertEquals(0, process.process().exitValue(), process.output());
        }
        as(user).get("/api/v2/tasks/workers").then()
                .body("find { it.id == '" + worker.getString("id") + "' }.state", equalTo("gone"))
                .body("find { it.id == '" + worker.getString("id") + "' }.tasksDone", equalTo(200))
                .body("find { it.id == '" + worker.getString("id") + "' }.endReason", equalTo("idle for 3 s"));
    }

    @Test
    void sigtermDrainsTheWorkerWhichGivesBackWhatItNeverStarted() throws Exception {
        String user = "alice-" + UUID.randomUUID().toString().substring(0, 8);
        int size = 60;
        String batch = submit(user, size, 30_000_000);
        JsonPath worker = enrol(user);
        try (TaskWorkerProcess process = TaskWorkerProcess.start(gateway(), worker.getString("id"),
                worker.getString("token"), 4, 60)) {
            await().atMost(DONE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> as(user)
                    .get("/api/v2/tasks/batches/" + batch).then().body("states.completed", notNullValue()));
            process.process().destroy();
            assertTrue(process.process().waitFor(30, TimeUnit.SECONDS), process.output());
            assertEquals(143, process.process().exitValue(), "ended by SIGTERM, after draining: " + process.output());
        }
        JsonPath states = as(user).get("/api/v2/tasks/batches/" + batch).then().extract().jsonPath();
        int completed = states.getInt("states.completed");
        int queued = states.getInt("states.queued");
        assertEquals(size, completed + queued, "every task is done or back in the queue: " + states.prettify());
        assertNull(states.get("states.leased"), "no task is left leased");
        JsonPath back = as(user).get("/api/v2/tasks?batch=" + batch + "&state=queued&limit=1000").then().extract()
                .jsonPath();
        back.getList("items.attempts", Integer.class).forEach(attempts -> assertEquals(0, attempts,
                "a task handed back unstarted keeps its tries"));
        as(user).get("/api/v2/tasks/workers").then()
                .body("find { it.id == '" + worker.getString("id") + "' }.endReason", equalTo("drained"));
    }

    private static String submit(String user, int n, long samples) {
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(Map.of("type", "monte-carlo-pi", "version", "1.0",
                    "payload", Map.of("samples", samples, "seed", i + 1)));
        }
        return as(user).contentType(ContentType.JSON).body(Map.of("tasks", tasks)).post("/api/v2/tasks").then()
                .statusCode(201).extract().path("id");
    }

    private static JsonPath enrol(String user) {
        return as(user).contentType(ContentType.JSON).body(Map.of("image", "pi")).post("/api/v2/tasks/workers").then()
                .statusCode(201).extract().jsonPath();
    }

    private static String gateway() {
        return "http://127.0.0.1:" + RestAssured.port;
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user));
    }
}
