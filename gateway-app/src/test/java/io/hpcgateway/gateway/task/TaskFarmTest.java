package io.hpcgateway.gateway.task;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The farm through its REST routes, with the test playing a worker the user enrolled (the pilots
 * the autoscaler starts on SLURM are {@code TaskPilotsIT}'s): leases, completions and their
 * repeats, expiry and retries, walltime fit, estimates, caps and the two kinds of token.
 * The test profile's leases last 3 s.
 */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
class TaskFarmTest {

    private static final Duration SWEPT = Duration.ofSeconds(20);

    @Test
    void aBatchIsLeasedCompletedOnceAndReadBackByItsOwnerAlone() {
        String user = fresh("alice");
        JsonPath batch = submit(user, 5, fresh("v"), null);
        String id = batch.getString("id");
        assertEquals(5, batch.getInt("size"));
        assertEquals(5, batch.getInt("states.queued"));
        assertEquals(id + ".0", batch.getString("firstTask"));
        assertEquals(5.0, batch.getDouble("outstandingSeconds"), 0.001, "five tasks at the 1 s prior");

        Worker worker = enrol(user);
        JsonPath first = worker.exchange(List.of(), 3, null).jsonPath();
        assertEquals(List.of(id + ".0", id + ".1", id + ".2"), first.getList("tasks.id"));
        assertEquals(1, first.getInt("tasks[0].attempt"));
        assertEquals(1000, first.getInt("tasks[0].payload.samples"));
        as(user).get("/api/v2/tasks/batches/" + id).then().body("states.leased", equalTo(3))
                .body("states.queued", equalTo(2));

        List<Map<String, Object>> done = List.of(completion(id + ".0", 1, "completed", Map.of("pi", 3.1), 40),
                completion(id + ".1", 1, "failed", null, 5));
        worker.exchange(done, 0, null).then().body("acknowledged", equalTo(List.of(id + ".0", id + ".1")));
        // The same completions again, and one for an attempt the task is not on: nothing changes.
        List<Map<String, Object>> repeated = new ArrayList<>(List.of(completion(id + ".0", 1, "failed", null, 1),
                completion(id + ".2", 7, "completed", Map.of("pi", 0), 1)));
        worker.exchange(repeated, 0, null).then().body("acknowledged", hasSize(2));
        as(user).get("/api/v2/tasks/" + id + ".0").then().statusCode(200).body("state", equalTo("completed"))
                .body("result.pi", equalTo(3.1f)).body("executionMillis", equalTo(40))
                .body("worker", equalTo(worker.id));
        as(user).get("/api/v2/tasks/" + id + ".1").then().body("state", equalTo("failed"));
        as(user).get("/api/v2/tasks/" + id + ".2").then().body("state", equalTo("leased"));

        JsonPath rest = worker.exchange(List.of(completion(id + ".2", 1, "completed", Map.of("pi", 3.2), 30)), 10, null).jsonPath();
        assertEquals(List.of(id + ".3", id + ".4"), rest.getList("tasks.id"));
        worker.exchange(List.of(completion(id + ".3", 1, "completed", Map.of("pi", 3.0), 30),
                completion(id + ".4", 1, "killed", null, 30)), 10, null).then().body("tasks", hasSize(0));

        as(user).get("/api/v2/tasks/batches/" + id).then().body("states.completed", equalTo(3))
                .body("states.failed", equalTo(1)).body("states.killed", equalTo(1))
                .body("finishedAt", notNullValue()).body("outstandingSeconds", equalTo(0.0f))
                .body("executionSeconds", equalTo(0.135f));
        as(user).get("/api/v2/tasks?batch=" + id + "&state=completed&limit=2").then().statusCode(200)
                .body("items.id", equalTo(List.of(id + ".0", id + ".2"))).body("next", equalTo(2));
        as(user).get("/api/v2/tasks?batch=" + id + "&state=completed&after=2").then()
                .body("items.id", equalTo(List.of(id + ".3"))).body("next", nullValue());
        as(user).get("/api/v2/tasks/batches").then().body("id", hasItem(id));
        as(user).get("/api/v2/tasks/workers").then().body("find { it.id == '" + worker.id + "' }.tasksDone", equalTo(5));

        String other = fresh("bob");
        as(other).get("/api/v2/tasks/batches/" + id).then().statusCode(404).body("error", equalTo("not_found"));
        as(other).get("/api/v2/tasks/" + id + ".0").then().statusCode(404);
        as(other).get("/api/v2/tasks?batch=" + id).then().statusCode(404);
        as(other).post("/api/v2/tasks/batches/" + id + "/cancel").then().statusCode(404);
        as(other).post("/api/v2/tasks/workers/" + worker.id + "/drain").then().statusCode(404);
    }

    @Test
    void aSilentWorkersLeaseRunsOutAndTheTaskFailsOnItsLastTry() {
        String user = fresh("alice");
        String id = submit(user, 1, "expiry", 2).getString("id");
        Worker silent = enrol(user);
        assertEquals(1, silent.exchange(List.of(), 1, null).jsonPath().getList("tasks").size());
        awaitTask(user, id + ".0", "queued");
        as(user).get("/api/v2/tasks/" + id + ".0").then().body("attempts", equalTo(1)).body("worker", nullValue());
        // The first worker's late completion is for a lease it no longer holds.
        silent.exchange(List.of(completion(id + ".0", 1, "completed", Map.of(), 1)), 0, null).then().statusCode(200);
        as(user).get("/api/v2/tasks/" + id + ".0").then().body("state", equalTo("queued"));

        Worker second = enrol(user);
        second.exchange(List.of(), 1, null).then().body("tasks[0].attempt", equalTo(2));
        awaitTask(user, id + ".0", "failed");
        as(user).get("/api/v2/tasks/" + id + ".0").then().body("attempts", equalTo(2))
                .body("error", containsString("silent"));
    }

    @Test
    void anExchangeRenewsTheLeasesItsWorkerHolds() {
        String user = fresh("alice");
        String id = submit(user, 1, "renew", 1).getString("id");
        Worker worker = enrol(user);
        worker.exchange(List.of(), 1, null).then().statusCode(200);
        long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() < until) {
            worker.exchange(List.of(), 0, null).then().statusCode(200);
            as(user).get("/api/v2/tasks/" + id + ".0").then().body("state", equalTo("leased"));
        }
        worker.exchange(List.of(completion(id + ".0", 1, "completed", Map.of(), 1)), 0, null).then().statusCode(200);
        as(user).get("/api/v2/tasks/" + id + ".0").then().body("state", equalTo("completed"));
    }

    @Test
    void aTaskIsNotGivenToAWorkerWithoutTimeForItsEstimate() {
        String user = fresh("alice");
        submit(user, 5, fresh("fit"), null);
        Worker worker = enrol(user);
        worker.exchange(List.of(), 5, 0.5).then().body("tasks", hasSize(0));
        worker.exchange(List.of(), 5, 2.5).then().body("tasks", hasSize(2));
    }

    @Test
    void estimatesLearnFromMeasuredDurations() {
        String user = fresh("alice");
        String version = "est-" + UUID.randomUUID();
        String id = submit(user, 30, version, null).getString("id");
        Worker worker = enrol(user);
        JsonPath leased = worker.exchange(List.of(), 10, null).jsonPath();
        assertEquals(1.0, leased.getDouble("tasks[0].estimatedSeconds"), 1e-9, "the prior, before any finished");
        List<Map<String, Object>> done = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            done.add(completion(id + "." + i, 1, "completed", Map.of(), 100 + 20 * (i % 2)));
        }
        JsonPath next = worker.exchange(done, 10, null).jsonPath();
        assertEquals(0.11, next.getDouble("tasks[0].estimatedSeconds"), 1e-9);
        as(user).get("/api/v2/tasks/" + id + ".29").then().body("estimatedSeconds", equalTo(0.11f));
        as(user).get("/api/v2/tasks/batches/" + id).then().body("outstandingSeconds", equalTo(2.2f));
        await().atMost(SWEPT).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("hpc_task_outstanding_seconds{image=\"ghcr.io/hpc-gateway/task-pi:1.0@sha256:"))
                .body(containsString("hpc_task_queue_depth{image=\"ghcr.io/hpc-gateway/task-pi"))
                .body(containsString("hpc_tasks_finished_total{image=\"ghcr.io/hpc-gateway/task-pi")));
    }

    @Test
    void aLeavingWorkerGivesBackWhatItNeverStartedAndACancelledBatchKeepsNoLateResult() {
        String user = fresh("alice");
        String id = submit(user, 3, "leave", null).getString("id");
        Worker worker = enrol(user);
        worker.exchange(List.of(), 3, null).then().statusCode(200);
        worker.leave(List.of(id + ".1", id + ".2")).then().statusCode(204);
        as(user).get("/api/v2/tasks/" + id + ".1").then().body("state", equalTo("queued")).body("attempts", equalTo(0));
        as(user).get("/api/v2/tasks/" + id + ".0").then().body("state", equalTo("queued")).body("attempts", equalTo(1));
        worker.exchange(List.of(), 1, null).then().statusCode(410).body("error", equalTo("worker_gone"));
        as(user).get("/api/v2/tasks/workers").then().body("find { it.id == '" + worker.id + "' }.state", equalTo("gone"));

        Worker next = enrol(user);
        next.exchange(List.of(), 1, null).then().body("tasks[0].id", equalTo(id + ".0"));
        as(user).post("/api/v2/tasks/batches/" + id + "/cancel").then().statusCode(200)
                .body("states.cancelled", equalTo(3)).body("finishedAt", notNullValue());
        next.exchange(List.of(completion(id + ".0", 2, "completed", Map.of("late", true), 1)), 1, null)
                .then().body("tasks", hasSize(0));
        as(user).get("/api/v2/tasks/" + id + ".0").then().body("state", equalTo("cancelled")).body("result", nullValue());
    }

    @Test
    void aDrainedWorkerIsGivenNothingMore() {
        String user = fresh("alice");
        submit(user, 2, "drain", null);
        Worker worker = enrol(user);
        as(user).post("/api/v2/tasks/workers/" + worker.id + "/drain").then().statusCode(200)
                .body("state", equalTo("draining"));
        worker.exchange(List.of(), 2, null).then().body("drain", equalTo(true)).body("tasks", hasSize(0));
    }

    @Test
    void eachTokenWorksOnlyWhereItBelongs() {
        String user = fresh("alice");
        Worker worker = enrol(user);
        Worker another = enrol(user);
        as(user).contentType(ContentType.JSON).body(Map.of("want", 1))
                .post("/api/v2/task-workers/" + worker.id + "/exchange").then().statusCode(401);
        given().auth().oauth2(worker.token).get("/api/v2/tasks/batches").then().statusCode(401);
        given().auth().oauth2(worker.token).get("/api/v2/jobs").then().statusCode(401);
        given().auth().oauth2(worker.token).contentType(ContentType.JSON).body(Map.of("want", 1))
                .post("/api/v2/task-workers/" + another.id + "/exchange").then().statusCode(403)
                .body("error", equalTo("forbidden"));
        given().contentType(ContentType.JSON).body(Map.of("want", 1))
                .post("/api/v2/task-workers/" + worker.id + "/exchange").then().statusCode(401);
    }

    @Test
    void aUserRunsNoMoreWorkersThanTheCap() {
        String user = fresh("carol");
        for (int i = 0; i < 4; i++) {
            enrol(user);
        }
        as(user).contentType(ContentType.JSON).body(Map.of("image", "pi")).post("/api/v2/tasks/workers").then()
                .statusCode(429).body("error", equalTo("worker_limit")).body("details.maxWorkersPerUser", equalTo(4));
        Worker other = enrol(fresh("carol"));
        assertTrue(other.id != null, "another user's cap is their own");
    }

    @Test
    void badSubmissionsAreRefusedWholeAndSayWhatToFix() {
        String user = fresh("alice");
        post(user, Map.of()).then().statusCode(400).body("details.field", equalTo("tasks"));
        post(user, Map.of("tasks", List.of(task("1"), Map.of("type", "monte carlo", "version", "1"))))
                .then().statusCode(400).body("details.field", equalTo("tasks[1].type"));
        post(user, Map.of("tasks", List.of(Map.of("type", "no-such-type", "version", "1"))))
                .then().statusCode(422).body("error", equalTo("no_image"));
        post(user, Map.of("tasks", List.of(Map.of("type", "monte-carlo-pi", "version", "1", "mapper", "nope"))))
                .then().statusCode(400).body("details.field", equalTo("tasks[0].mapper"));
        post(user, Map.of("tasks", List.of(Map.of("type", "monte-carlo-pi", "version", "1",
                "payload", Map.of("blob", "x".repeat(70_000)))))).then().statusCode(400)
                .body("details.field", equalTo("tasks[0].payload"));
        post(user, Map.of("tasks", List.of(task("1")), "maxAttempts", 0)).then().statusCode(400)
                .body("details.field", equalTo("maxAttempts"));
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            many.add(task("1"));
        }
        post(user, Map.of("tasks", many)).then().statusCode(400).body("message", containsString("10000"));
        as(user).get("/api/v2/tasks/batches").then().statusCode(200).body("", hasSize(0));
        as(user).get("/api/v2/tasks").then().statusCode(400).body("details.field", equalTo("batch"));
        as(user).get("/api/v2/tasks?batch=x&state=running").then().statusCode(400).body("details.field", equalTo("state"));
        as(user).get("/api/v2/tasks/types").then().statusCode(200)
                .body("default.monte-carlo-pi", containsString("ghcr.io/hpc-gateway/task-pi:1.0@sha256:"));
    }

    @Test
    void tenThousandTasksGoInOneSubmission() {
        String user = fresh("alice");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(task("bulk"));
        }
        post(user, Map.of("tasks", many)).then().statusCode(201).body("size", equalTo(10_000))
                .body("states.queued", equalTo(10_000)).body("lastTask", containsString(".9999"));
    }

    /** A worker enrolled by its user, with its token. */
    record Worker(String id, String token) {
        io.restassured.response.Response exchange(List<Map<String, Object>> completions, int want, Double secondsLeft) {
            Map<String, Object> body = new HashMap<>(Map.of("completions", completions, "want", want));
            if (secondsLeft != null) {
                body.put("secondsLeft", secondsLeft);
            }
            return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .post("/api/v2/task-workers/" + id + "/exchange");
        }

        io.restassured.response.Response leave(List<String> returned) {
            return given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("returned", returned, "reason", "test")).post("/api/v2/task-workers/" + id + "/leave");
        }
    }

    private static Worker enrol(String user) {
        JsonPath worker = as(user).contentType(ContentType.JSON).body(Map.of("image", "pi"))
                .post("/api/v2/tasks/workers").then().statusCode(201).body("state", equalTo("starting"))
                .body("reference", containsString("task-pi")).extract().jsonPath();
        return new Worker(worker.getString("id"), worker.getString("token"));
    }

    private static JsonPath submit(String user, int n, String version, Integer maxAttempts) {
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(task(version));
        }
        Map<String, Object> body = new HashMap<>(Map.of("tasks", tasks));
        if (maxAttempts != null) {
            body.put("maxAttempts", maxAttempts);
        }
        return post(user, body).then().statusCode(201).extract().jsonPath();
    }

    private static io.restassured.response.Response post(String user, Map<String, Object> body) {
        return as(user).contentType(ContentType.JSON).body(body).post("/api/v2/tasks");
    }

    private static Map<String, Object> task(String version) {
        return Map.of("type", "monte-carlo-pi", "version", version, "payload", Map.of("samples", 1000, "seed", 7));
    }

    private static Map<String, Object> completion(String task, int attempt, String status, Object result, long millis) {
        Map<String, Object> c = new HashMap<>(Map.of("task", task, "attempt", attempt, "status", status, "millis", millis));
        if (result != null) {
            c.put("result", result);
        }
        return c;
    }

    private static void awaitTask(String user, String task, String state) {
        await().atMost(SWEPT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                as(user).get("/api/v2/tasks/" + task).then().body("state", equalTo(state)));
    }

    /** A user (or task version) of this test alone, so that counts, caps and estimates are its own. */
    private static String fresh(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user));
    }
}
