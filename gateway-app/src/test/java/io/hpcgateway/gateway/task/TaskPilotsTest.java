package io.hpcgateway.gateway.task;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.TaskWorkerProcess;
import io.hpcgateway.gateway.support.Tokens;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The autoscaler's pilots on the real SLURM (CI's single node, 2 CPUs): gateway jobs that run the
 * real task worker beside the pi image's program (no Apptainer here: the program runs directly,
 * with the same HTTP contract). Two pilots at most per user, drained after 5 s idle.
 */
@QuarkusTest
@TestProfile(TaskPilotsTest.Pilots.class)
@WithTestResource(FrontendProcess.class)
class TaskPilotsTest {

    private static final Duration DONE = Duration.ofMinutes(4);
    private static final int CAP = 2;

    @Inject
    Workers workers;

    /** Pilots on: they call the gateway back on a port known before it starts. */
    public static class Pilots implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int port = freePort();
            return Map.of("quarkus.http.test-port", Integer.toString(port),
                    "gateway.tasks.pilot.gateway-url", "http://127.0.0.1:" + port,
                    "gateway.tasks.autoscale", "true",
                    "gateway.tasks.pilot.worker-command", TaskWorkerProcess.WORKER.toString(),
                    "gateway.tasks.images.pi.command", TaskWorkerProcess.PI_IMAGE.toString(),
                    "gateway.tasks.pilot.time-limit", "10m",
                    "gateway.tasks.max-workers-per-user", Integer.toString(CAP),
                    "gateway.tasks.max-workers", Integer.toString(CAP),
                    "gateway.tasks.target-drain", "5s",
                    "gateway.tasks.lease", "5s");
        }
    }

    /**
     * The test database outlives a test class: other classes' unfinished tasks would draw pilots
     * onto the node's two CPUs. They are cancelled, and their workers ended, before each test.
     */
    @BeforeEach
    void onlyThisTestsTasksWait() {
        HpcTask.mongoCollection().updateMany(Filters.in("state", TaskState.QUEUED, TaskState.LEASED),
                Updates.set("state", TaskState.CANCELLED));
        TaskWorker.<TaskWorker>mongoCollection().find(Filters.ne("state", WorkerState.GONE))
                .forEach(worker -> workers.drain(worker, "an earlier test's"));
    }

    @Test
    void pilotsRunTheBatchWithinTheCapAndEndWhenIdle() {
        String user = "alice-" + UUID.randomUUID().toString().substring(0, 8);
        int size = 40;
        String batch = submit(user, size, 5_000_000);
        AtomicInteger most = new AtomicInteger();
        await().atMost(DONE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            most.accumulateAndGet(counting(user), Math::max);
            as(user).get("/api/v2/tasks/batches/" + batch).then().body("states.completed", equalTo(size));
        });
        assertTrue(most.get() >= 1 && most.get() <= CAP, "workers at once: " + most.get());
        as(user).get("/api/v2/tasks?batch=" + batch + "&limit=1000").then()
                .body("items.findAll { it.result.samples == 5000000 }.size()", equalTo(size));

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertEquals(0, counting(user), "idle pilots drain"));
        List<Map<String, Object>> workers = as(user).get("/api/v2/tasks/workers").then().extract().jsonPath().getList("");
        assertEquals(size, workers.stream().mapToInt(w -> ((Number) w.get("tasksDone")).intValue()).sum());
        for (Map<String, Object> worker : workers) {
            String job = (String) worker.get("jobId");
            assertTrue(job != null, "a pilot job runs each worker: " + worker);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    as(user).get("/api/v2/jobs/" + job).then().body("state", equalTo("completed")));
        }
    }

    @Test
    void aWorkerKilledMidTaskLosesNothingAndNothingCountsTwice() throws Exception {
        String user = "bob-" + UUID.randomUUID().toString().substring(0, 8);
        int size = 12;
        String batch = submit(user, size, 150_000_000);
        JsonPath leased = await().atMost(DONE).pollInterval(Duration.ofMillis(250)).until(() ->
                as(user).get("/api/v2/tasks?batch=" + batch + "&state=leased").then().extract().jsonPath(),
                page -> !page.getList("items").isEmpty()
                        && as(user).get("/api/v2/tasks/workers").then().extract().jsonPath()
                        .getList("findAll { it.state == 'active' }").size() > 0);
        String task = leased.getString("items[0].id");
        String victim = leased.getString("items[0].worker");
        String job = as(user).get("/api/v2/tasks/workers").then().extract().jsonPath()
                .getString("find { it.id == '" + victim + "' }.jobId");
        String folder = as(user).get("/api/v2/jobs/" + job).then().extract().path("folder");
        ProcessHandle worker = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> workerProcess(Path.of(folder)), Optional::isPresent).orElseThrow();
        assertTrue(worker.destroyForcibly(), "kill -9 of the worker's JVM");

        await().atMost(DONE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as(user).get("/api/v2/tasks/batches/" + batch).then().body("states.completed", equalTo(size)));
        JsonPath rerun = as(user).get("/api/v2/tasks/" + task).then().extract().jsonPath();
        assertNotEquals(victim, rerun.getString("worker"), "the task finished elsewhere: " + rerun.prettify());
        assertTrue(rerun.getInt("attempts") >= 2, rerun.prettify());
        List<Map<String, Object>> workers = as(user).get("/api/v2/tasks/workers").then().extract().jsonPath().getList("");
        assertEquals(size, workers.stream().mapToInt(w -> ((Number) w.get("tasksDone")).intValue()).sum(),
                "each task counted once: " + workers);
        as(user).get("/api/v2/tasks/workers").then().body("find { it.id == '" + victim + "' }.state", equalTo("gone"));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertEquals(0, counting(user), "the pilots left drain once idle"));
    }

    /** The worker's JVM: the java process whose working directory is the pilot's job folder. */
    private static Optional<ProcessHandle> workerProcess(Path folder) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("hpcgw-task-worker.jar"))
                .filter(p -> folder.equals(cwd(p))).findFirst();
    }

    private static Path cwd(ProcessHandle process) {
        try {
            return Path.of("/proc/" + process.pid() + "/cwd").toRealPath();
        } catch (IOException e) {
            return null; // gone meanwhile, or not readable
        }
    }

    private static int counting(String user) {
        return as(user).get("/api/v2/tasks/workers").then().extract().jsonPath()
                .getList("findAll { it.state == 'starting' || it.state == 'active' }").size();
    }

    private static String submit(String user, int n, long samples) {
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(Map.of("type", "monte-carlo-pi", "version", "1.0", "payload", Map.of("samples", samples, "seed", i + 1)));
        }
        return as(user).contentType(ContentType.JSON).body(Map.of("tasks", tasks)).post("/api/v2/tasks").then()
                .statusCode(201).extract().path("id");
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
