package io.hpcgateway.gateway.task;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pilots whose worker is missing on the nodes fail at once; after three the autoscaler stops
 * starting more for that work, and the users' workers say why.
 */
@QuarkusTest
@TestProfile(PilotsThatNeverStartTest.MissingWorker.class)
@WithTestResource(FrontendProcess.class)
class PilotsThatNeverStartTest {

    public static class MissingWorker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.tasks.autoscale", "true",
                    "gateway.tasks.pilot.worker-command", "/nonexistent/hpcgw-task-worker",
                    "gateway.tasks.max-workers-per-user", "1");
        }
    }

    @Test
    void threePilotsThatNeverStartPauseTheAutoscalerForThatWork() {
        HpcTask.mongoCollection().updateMany(Filters.in("state", TaskState.QUEUED, TaskState.LEASED),
                Updates.set("state", TaskState.CANCELLED)); // only this test's tasks draw pilots
        String user = "carol-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body(Map.of("tasks", List.of(Map.of("type", "monte-carlo-pi", "version", "1.0",
                        "payload", Map.of("samples", 10))))).post("/api/v2/tasks").then().statusCode(201);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> ended(user).size() >= 3);
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(500))
                .until(() -> workers(user).size() == 3);
        for (Map<String, Object> worker : ended(user)) {
            assertTrue(String.valueOf(worker.get("endReason")).startsWith("its pilot job"), worker.toString());
        }
        assertEquals(3, ended(user).size());
    }

    private static List<Map<String, Object>> workers(String user) {
        return given().auth().oauth2(Tokens.of(user)).get("/api/v2/tasks/workers").then().statusCode(200).extract()
                .jsonPath().getList("");
    }

    private static List<Map<String, Object>> ended(String user) {
        return workers(user).stream().filter(w -> "gone".equals(w.get("state"))).toList();
    }
}
