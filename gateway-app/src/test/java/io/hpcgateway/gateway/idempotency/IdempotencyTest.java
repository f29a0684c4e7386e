package io.hpcgateway.gateway.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on the routes that make something: replays, refusals, takeovers and expiry. */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
class IdempotencyTest {

    @Inject
    IdempotencyKeys keys;

    @Test
    void theSameKeyAndRequestReplaysTheFirstAnswerAndMakesOneJob() {
        String user = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        Response first = create(user, key, "first");
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        Response again = create(user, key, "first");
        again.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"));
        assertEquals(first.asString(), again.asString(), "the stored answer, byte for byte");
        assertEquals(1, jobsOf(user));
        // Key order in the body does not make it another request.
        as(user).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"command\": \"true\", \"name\": \"first\"}").post("/api/v2/jobs").then().statusCode(201)
                .body("id", equalTo(first.path("id")));
        assertEquals(1, jobsOf(user));
    }

    @Test
    void theSameKeyWithAnotherRequestIs422AndAnotherUsersKeyIsTheirOwn() {
        String user = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        String id = create(user, key, "one").then().statusCode(201).extract().path("id");
        create(user, key, "two").then().statusCode(422).body("error", equalTo("idempotency_key_reused"))
                .body("details.header", equalTo("Idempotency-Key"));
        String other = user + "-b";
        String theirs = create(other, key, "one").then().statusCode(201).extract().path("id");
        assertNotEquals(id, theirs);
        assertEquals(1, jobsOf(user));
        assertEquals(1, jobsOf(other));
    }

    @Test
    void aKeyStillHeldIs409AndAStaleHoldIsTakenOverWithoutASecondJob() {
        String user = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        String id = create(user, key, "held").then().statusCode(201).extract().path("id");
        // As if the first request were still running: done = false with a fresh lease.
        IdempotencyRecord.mongoCollection().updateMany(Filters.eq("effectKey", effectKeyOf(id)), Updates.combine(
                Updates.set("done", false), Updates.set("leaseUntil", Instant.now().plusSeconds(60))));
        create(user, key, "held").then().statusCode(409).header("Retry-After", "1")
                .body("error", equalTo("idempotency_in_progress"));
        // As if its gateway had died after making the job and before storing the answer.
        IdempotencyRecord.mongoCollection().updateMany(Filters.eq("effectKey", effectKeyOf(id)),
                Updates.set("leaseUntil", Instant.now().minusSeconds(1)));
        create(user, key, "held").then().statusCode(201).body("id", equalTo(id));
        assertEquals(1, jobsOf(user));
        create(user, key, "held").then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
    }

    @Test
    void anExpiredKeyStartsAfreshAndIsSwept() {
        String user = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        String id = create(user, key, "old").then().statusCode(201).extract().path("id");
        IdempotencyRecord.mongoCollection().updateMany(Filters.eq("effectKey", effectKeyOf(id)),
                Updates.set("expiresAt", Instant.now().minusSeconds(1)));
        // Before the sweeper came by: the expired key is no longer the first request's.
        String fresh = create(user, key, "old").then().statusCode(201).header("Idempotent-Replayed", nullValue())
                .extract().path("id");
        assertNotEquals(id, fresh);
        assertEquals(2, jobsOf(user));
        IdempotencyRecord.mongoCollection().updateMany(Filters.eq("effectKey", effectKeyOf(fresh)),
                Updates.set("expiresAt", Instant.now().minusSeconds(1)));
        keys.sweep();
        assertEquals(0, IdempotencyRecord.count("effectKey", effectKeyOf(fresh)));
    }

    @Test
    void uploadsReplayAndADifferentBodyUnderTheSameKeyIsRefused() {
        String user = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        String id = create(user, UUID.randomUUID().toString(), "files").then().statusCode(201).extract().path("id");
        String key = UUID.randomUUID().toString();
        byte[] content = "hello, once".getBytes(StandardCharsets.UTF_8);
        as(user).header("Idempotency-Key", key).body(content).put("/api/v2/jobs/" + id + "/files/in.txt").then()
                .statusCode(201).body("size", equalTo(content.length));
        as(user).header("Idempotency-Key", key).body(content).put("/api/v2/jobs/" + id + "/files/in.txt").then()
                .statusCode(201).header("Idempotent-Replayed", "true");
        as(user).header("Idempotency-Key", key).body("hello, twice".getBytes(StandardCharsets.UTF_8))
                .put("/api/v2/jobs/" + id + "/files/in.txt").then().statusCode(422)
                .body("error", equalTo("idempotency_key_reused"));
        assertEquals("hello, once", as(user).get("/api/v2/jobs/" + id + "/files/in.txt").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void aRouteReturningARecordReplaysItToo() {
        String user = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("job_name", "v1", "executable_cmd", "true");
        String jobid = as(user).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/job/create").then().statusCode(200).extract().path("jobid");
        as(user).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/api/v1/job/create")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("jobid", equalTo(jobid));
        assertEquals(1, jobsOf(user));
    }

    @Test
    void aPromoCodeRedeemedTwiceUnderOneKeyKeepsItsFirstRedemption() {
        String user = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        String first = as(user).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("code", "TESTPROMO")).post("/api/v2/billing/promo-code").then().statusCode(200)
                .extract().asString();
        String again = as(user).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("code", "TESTPROMO")).post("/api/v2/billing/promo-code").then().statusCode(200)
                .header("Idempotent-Replayed", "true").extract().asString();
        assertEquals(first, again, "the same redemption time: nothing was redeemed again");
    }

    @Test
    void aMalformedKeyIs400() {
        for (String bad : new String[] {"", "x".repeat(256), "with space", "caf\u00e9"}) {
            as("idem-bad").header("Idempotency-Key", bad).contentType(ContentType.JSON)
                    .body(Map.of("name", "bad", "command", "true")).post("/api/v2/jobs").then().statusCode(400)
                    .body("details.field", equalTo("Idempotency-Key"));
        }
        as("idem-bad").header("Idempotency-Key", "\"quoted-key\"").contentType(ContentType.JSON)
                .body(Map.of("name", "ok", "command", "true")).post("/api/v2/jobs").then().statusCode(201);
    }

    private static Response create(String user, String key, String name) {
        return as(user).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("name", name, "command", "true")).post("/api/v2/jobs");
    }

    private static long jobsOf(String user) {
        return GatewayJob.count("owner", user);
    }

    private static String effectKeyOf(String jobId) {
        return GatewayJob.<GatewayJob>findById(jobId).creationKey;
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user));
    }
}
