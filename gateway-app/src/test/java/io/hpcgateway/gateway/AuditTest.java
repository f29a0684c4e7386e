package io.hpcgateway.gateway;

import static io.hpcgateway.gateway.JobFlowTest.FINISH;
import static io.hpcgateway.gateway.JobFlowTest.as;
import static io.hpcgateway.gateway.JobFlowTest.awaitFinal;
import static io.hpcgateway.gateway.JobFlowTest.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit log: one event per job transition and per refused request, in seed 001's format. */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
class AuditTest {

    @Test
    void everyTransitionOfAJobIsAudited() {
        String id = create("vera", Map.of("name", "audited", "command", "true"));
        as("vera").post("/api/v2/jobs/" + id + "/launch").then().statusCode(200);
        JsonPath job = awaitFinal("vera", id, FINISH);
        assertEquals("completed", job.getString("state"));
        List<String> transitions = job.getList("events.to");

        JsonPath audit = as("ada", "admin").queryParam("job", id).queryParam("limit", 1000).get("/api/v2/audit").then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> lifecycle = audit.getList("findAll { it.event_type == 'job_lifecycle_event' }");
        assertEquals(transitions.size(), lifecycle.size(), audit.prettify());
        assertEquals(1, audit.getList("findAll { it.event_type == 'job_submitted' }").size());
        Map<String, Object> submitted = audit.getMap("find { it.event_type == 'job_submitted' }");
        assertEquals("local", submitted.get("cluster_id"));
        assertEquals(id, submitted.get("job_id"));
        assertEquals(Boolean.TRUE, submitted.get("success"));
        assertTrue(((Map<?, ?>) submitted.get("details")).containsKey("scheduler_job_id"), submitted.toString());
        assertTrue(submitted.containsKey("timestamp") && submitted.containsKey("event_id"));
    }

    @Test
    void refusedRequestsAreAuditedWithoutTheirTokens() throws Exception {
        Instant since = Instant.now();
        String token = Tokens.of("walt");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "no command"))
                .post("/api/v2/jobs").then().statusCode(400);
        given().auth().oauth2(token).get("/api/v2/audit").then().statusCode(403);
        given().auth().oauth2(token).get("/api/v2/jobs/00000000-0000-4000-8000-000000000000").then().statusCode(404);
        given().get("/api/v2/jobs").then().statusCode(401);

        JsonPath audit = as("ada", "admin").queryParam("since", since.toString()).queryParam("limit", 1000)
                .get("/api/v2/audit").then().statusCode(200).extract().jsonPath();
        Map<String, Object> invalid = audit.getMap("find { it.event_type == 'job_validation_failed' && it.actor == 'walt' }");
        assertEquals(400, ((Map<?, ?>) invalid.get("details")).get("status"));
        assertEquals(Boolean.FALSE, invalid.get("success"));
        assertTrue(audit.getList("findAll { it.event_type == 'access_denied' && it.actor == 'walt' }").size() >= 1);
        assertTrue(audit.getList("findAll { it.event_type == 'request_refused' && it.actor == 'walt' }").size() >= 1);
        assertTrue(audit.getList("findAll { it.event_type == 'authentication_failed' }").size() >= 1);
        as("ada", "admin").get("/api/v2/audit?since=yesterday").then().statusCode(400).body("details.field",
                equalTo("since"));
        as("ada", "admin").get("/api/v2/audit?type=access_denied").then().statusCode(200)
                .body("actor", hasItem("walt"));

        String file = Files.readString(Path.of("target/gateway-test-data/audit.jsonl"));
        assertTrue(file.contains("\"event_type\":\"job_validation_failed\""), "events are written as JSON lines");
        assertFalse(file.contains(token) || file.contains("Bearer"), "no token reaches the audit file");
    }
}
