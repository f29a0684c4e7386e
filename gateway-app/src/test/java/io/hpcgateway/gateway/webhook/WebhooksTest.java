package io.hpcgateway.gateway.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Webhooks against a real receiver on the loopback (an allowed network in the tests only) and
 * jobs on the real SLURM: seed 001's events arrive signed as Standard Webhooks say, in order; a
 * receiver that was down gets every event once it is back; a job's callback gets that job's
 * events; forbidden addresses are refused before anything is stored.
 */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
class WebhooksTest {

    private static final Duration DONE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aJobsLifecycleArrivesSignedAndInOrder() throws Exception {
        String user = user();
        try (Receiver receiver = Receiver.on(0)) {
            JsonPath webhook = register(user, receiver.url(), null);
            String secret = webhook.getString("secret");
            assertTrue(secret.startsWith("whsec_"), secret);
            String job = launch(user, "true");
            await().atMost(DONE).pollInterval(Duration.ofMillis(200)).until(() -> receiver.types(job)
                    .contains("job.completed"));
            assertEquals(List.of("job.submitted", "job.queued", "job.started", "job.completed"), receiver.types(job));
            for (Receiver.Call call : receiver.calls) {
                assertEquals(call.signature(), sign(secret, call.id(), call.timestamp(), call.body()),
                        "webhook-signature verifies with the secret");
                assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(call.timestamp())) < 120);
                assertTrue(call.id().matches("evt_\\d+_[a-z]+"), call.id());
                JsonNode body = JSON.readTree(call.body());
                assertEquals(call.type(), body.get("type").asText());
                assertEquals(job, body.at("/data/jobId").asText());
            }
            JsonNode completed = JSON.readTree(receiver.calls.get(3).body());
            assertEquals("completed", completed.at("/data/state").asText());
            assertEquals(0, completed.at("/data/exitCode").asInt());
            List<Map<String, Object>> deliveries = as(user).get("/api/v2/webhooks/" + webhook.getString("id")
                    + "/deliveries").then().statusCode(200).extract().jsonPath().getList("$");
            assertEquals(4, deliveries.size());
            deliveries.forEach(d -> assertEquals(Boolean.TRUE, d.get("delivered"), d.toString()));
            as(user).get("/api/v2/webhooks").then().body("find { it.id == '" + webhook.getString("id") + "' }.secret",
                    org.hamcrest.Matchers.nullValue());

            String first = (String) deliveries.get(deliveries.size() - 1).get("id");
            JsonPath again = as(user).post("/api/v2/webhooks/" + webhook.getString("id") + "/deliveries/" + first
                    + "/redeliver").then().statusCode(200).body("redelivery", equalTo(true)).body("attempt", equalTo(2))
                    .extract().jsonPath();
            assertTrue(again.getBoolean("delivered"), again.prettify());
            assertEquals(2, receiver.calls.stream().filter(c -> c.id().equals(receiver.calls.get(0).id())).count(),
                    "a redelivery carries the event's own id");
            as("bob").get("/api/v2/webhooks/" + webhook.getString("id") + "/deliveries").then().statusCode(404);

            String rotated = as(user).post("/api/v2/webhooks/" + webhook.getString("id") + "/rotate-secret").then()
                    .statusCode(200).body("previousSecretUntil", notNullValue()).extract().path("secret");
            assertTrue(rotated.startsWith("whsec_") && !rotated.equals(secret), rotated);
            as("bob").post("/api/v2/webhooks/" + webhook.getString("id") + "/rotate-secret").then().statusCode(404);
            int before = receiver.calls.size();
            String next = launch(user, "true");
            await().atMost(DONE).pollInterval(Duration.ofMillis(200)).until(() -> receiver.types(next)
                    .contains("job.submitted"));
            Receiver.Call signedTwice = receiver.calls.stream().skip(before).filter(c -> c.jobId().equals(next))
                    .findFirst().orElseThrow();
            String[] signatures = signedTwice.signature().split(" ");
            assertEquals(2, signatures.length, "the new secret's signature and, while they overlap, the old one's");
            assertEquals(signatures[0], sign(rotated, signedTwice.id(), signedTwice.timestamp(), signedTwice.body()));
            assertEquals(signatures[1], sign(secret, signedTwice.id(), signedTwice.timestamp(), signedTwice.body()));
        }
    }

    @Test
    void aReceiverThatWasDownGetsEveryEventInOrderOnceItIsBack() throws Exception {
        String user = user();
        int port = FrontendProcess.freePort();
        String webhook = register(user, "http://127.0.0.1:" + port + "/hook", List.of("job.submitted",
                "job.completed")).getString("id");
        List<String> jobs = List.of(launch(user, "true"), launch(user, "true"));
        await().atMost(DONE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> as(user)
                .get("/api/v2/webhooks/" + webhook).then().body("failures", org.hamcrest.Matchers.greaterThan(1))
                .body("lastError", notNullValue()));
        jobs.forEach(job -> await().atMost(DONE).pollInterval(Duration.ofMillis(300)).until(() -> as(user)
                .get("/api/v2/jobs/" + job).then().extract().path("state").equals("completed")));
        try (Receiver receiver = Receiver.on(port)) {
            await().atMost(DONE).pollInterval(Duration.ofMillis(200)).until(() -> receiver.calls.size() >= 4);
            List<String> ids = receiver.calls.stream().map(Receiver.Call::id).toList();
            assertEquals(ids.stream().sorted(WebhooksTest::logOrder).toList(), ids, "in the log's order");
            for (String job : jobs) {
                assertEquals(List.of("job.submitted", "job.completed"), receiver.types(job));
            }
            as(user).get("/api/v2/webhooks/" + webhook).then().body("failures", equalTo(0));
        }
    }

    @Test
    void aJobsCallbackUrlGetsThatJobsEventsAndEndsWithIt() throws Exception {
        String user = user();
        try (Receiver receiver = Receiver.on(0)) {
            String other = launch(user, "true");
            JsonPath created = as(user).contentType(ContentType.JSON).body(Map.of("name", "called-back",
                    "command", "exit 3", "callbackUrl", receiver.url())).post("/api/v2/jobs").then().statusCode(201)
                    .body("callback.secret", containsString("whsec_")).extract().jsonPath();
            String job = created.getString("id");
            as(user).post("/api/v2/jobs/" + job + "/launch").then().statusCode(200);
            await().atMost(DONE).pollInterval(Duration.ofMillis(200)).until(() -> receiver.types(job)
                    .contains("job.failed"));
            assertEquals(List.of(), receiver.types(other), "another job's events do not go to this job's callback");
            Receiver.Call failed = receiver.calls.get(receiver.calls.size() - 1);
            assertEquals(failed.signature(), sign(created.getString("callback.secret"), failed.id(), failed.timestamp(),
                    failed.body()));
            await().atMost(DONE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> as(user)
                    .get("/api/v2/webhooks/" + created.getString("callback.webhook")).then().body("done", equalTo(true))
                    .body("jobId", equalTo(job)));
        }
    }

    @Test
    void aTaskBatchsEndIsPushedToo() throws Exception {
        String user = user();
        try (Receiver receiver = Receiver.on(0)) {
            register(user, receiver.url(), List.of("task.batch.finished"));
            String batch = as(user).contentType(ContentType.JSON).body(Map.of("tasks", List.of(
                    Map.of("type", "monte-carlo-pi", "version", "1.0", "payload", Map.of("samples", 10)),
                    Map.of("type", "monte-carlo-pi", "version", "1.0", "payload", Map.of("samples", 10)))))
                    .post("/api/v2/tasks").then().statusCode(201).extract().path("id");
            as(user).post("/api/v2/tasks/batches/" + batch + "/cancel").then().statusCode(200);
            await().atMost(DONE).pollInterval(Duration.ofMillis(200)).until(() -> !receiver.calls.isEmpty());
            JsonNode finished = JSON.readTree(receiver.calls.get(0).body());
            assertEquals("task.batch.finished", finished.get("type").asText());
            assertEquals(batch, finished.at("/data/batch").asText());
            assertEquals(2, finished.at("/data/states/cancelled").asInt(), finished.toString());
            assertEquals(1, receiver.calls.size(), "only the type it asked for");
        }
    }

    @Test
    void forbiddenReceiversAreRefusedBeforeAnythingIsStored() {
        String user = user();
        for (String url : List.of("http://169.254.169.254/latest/meta-data", "https://10.0.0.7/hook",
                "https://[::1]/hook", "ftp://127.0.0.1/", "https://user:pw@127.0.0.1/", "https://192.168.0.10/")) {
            as(user).contentType(ContentType.JSON).body(Map.of("url", url)).post("/api/v2/webhooks").then()
                    .statusCode(400).body("details.field", equalTo("url"));
        }
        as(user).contentType(ContentType.JSON).body(Map.of("url", "https://10.0.0.7/", "events", List.of("job.exploded")))
                .post("/api/v2/webhooks").then().statusCode(400).body("details.field", equalTo("events"));
        as(user).contentType(ContentType.JSON).body(Map.of("name", "ssrf", "command", "true",
                "callbackUrl", "http://169.254.169.254/")).post("/api/v2/jobs").then().statusCode(400)
                .body("details.field", equalTo("callbackUrl"));
        as(user).get("/api/v2/webhooks").then().body("size()", equalTo(0));
        as(user).get("/api/v2/jobs").then().body("total", equalTo(0));
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** A webhook receiver: records each call and answers 204. */
    static final class Receiver implements AutoCloseable {
        record Call(String id, String timestamp, String signature, String type, String jobId, byte[] body) {}

        final List<Call> calls = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        private Receiver(HttpServer server) {
            this.server = server;
        }

        static Receiver on(int port) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            Receiver receiver = new Receiver(server);
            server.createContext("/hook", exchange -> {
                try (exchange) {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    JsonNode json = JSON.readTree(body);
                    receiver.calls.add(new Call(exchange.getRequestHeaders().getFirst("webhook-id"),
                            exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                            exchange.getRequestHeaders().getFirst("webhook-signature"), json.path("type").asText(),
                            json.at("/data/jobId").asText(), body));
                    exchange.sendResponseHeaders(204, -1);
                }
            });
            server.start();
            return receiver;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        List<String> types(String job) {
            List<String> types = new ArrayList<>();
            calls.stream().filter(c -> c.jobId().equals(job)).forEach(c -> {
                if (!types.contains(c.type())) {
                    types.add(c.type());
                }
            });
            return types;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Standard Webhooks' verification, written from the specification apart from the gateway's signer. */
    private static String sign(String secret, String id, String timestamp, byte[] body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.split("_", 2)[1]), "HmacSHA256"));
        byte[] content = (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(content));
    }

    /** Event ids in the order of the log they come from (evt_<log id>_<name>, submitted before queued). */
    private static int logOrder(String a, String b) {
        return Long.compare(Long.parseLong(a.split("_")[1]), Long.parseLong(b.split("_")[1]));
    }

    private static JsonPath register(String user, String url, List<String> events) {
        Map<String, Object> body = events == null ? Map.of("url", url) : Map.of("url", url, "events", events);
        return as(user).contentType(ContentType.JSON).body(body).post("/api/v2/webhooks").then().statusCode(201)
                .body("secret", notNullValue()).extract().jsonPath();
    }

    private static String launch(String user, String command) {
        String id = as(user).contentType(ContentType.JSON).body(Map.of("name", "hooked", "command", command))
                .post("/api/v2/jobs").then().statusCode(201).extract().path("id");
        as(user).post("/api/v2/jobs/" + id + "/launch").then().statusCode(200);
        return id;
    }

    private static String user() {
        return "hook-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user));
    }
}
