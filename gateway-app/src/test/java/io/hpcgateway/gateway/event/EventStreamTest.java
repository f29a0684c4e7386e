package io.hpcgateway.gateway.event;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The event log and its streams: live job states, resumption without gaps, each user's own events only. */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
class EventStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FINISH = Duration.ofSeconds(90);

    @TestHTTPResource("/")
    URL base;

    @Inject
    EventSequence sequence;

    @Inject
    EventLog log;

    @Test
    void aJobsStatesArrivePushedAndAResumedStreamMissesNone() throws Exception {
        try (SseStream all = open("/api/v2/events", "dora", null); SseStream others = open("/api/v2/events", "erin", null)) {
            String id = create("dora", "echo streamed");
            given().auth().oauth2(Tokens.of("dora")).post("/api/v2/jobs/" + id + "/launch").then().statusCode(200);
            List<SseEvent> seen = all.until(id, "completed", FINISH);
            List<String> states = seen.stream().filter(e -> e.jobId().equals(id) && e.type().equals("job.state"))
                    .map(e -> e.data().get("to").asText())
                    .toList();
            assertEquals(List.of("pending", "queued"), states.subList(0, 2), states.toString());
            assertEquals("completed", states.get(states.size() - 1));
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i).id() > seen.get(i - 1).id(), "ids increase: " + seen);
            }
            // Resuming after the first event replays exactly the rest, in order.
            try (SseStream resumed = open("/api/v2/events", "dora", seen.get(0).id())) {
                List<SseEvent> replay = resumed.until(id, "completed", FINISH);
                assertEquals(seen.subList(1, seen.size()).stream().map(SseEvent::id).toList(),
                        replay.stream().map(SseEvent::id).toList());
            }
            // The whole history of one job, from the job's own stream.
            try (SseStream job = open("/api/v2/jobs/" + id + "/events", "dora", 0L)) {
                assertEquals(states, job.until(id, "completed", FINISH).stream().filter(e -> e.type().equals("job.state"))
                        .map(e -> e.data().get("to").asText()).toList());
            }
            assertTrue(others.received().stream().noneMatch(e -> e.jobId().equals(id)), "erin saw dora's job");
        }
        String id = create("dora", "true");
        given().auth().oauth2(Tokens.of("erin")).get("/api/v2/jobs/" + id + "/events").then().statusCode(404);
        given().auth().oauth2(Tokens.of("dora")).queryParam("after", 0).get("/api/v2/jobs/" + id + "/events").then()
                .statusCode(200).body("items[0].jobId", equalTo(id)).body("items[0].data.to", equalTo("pending"));
    }

    @Test
    void anEventStoredLateWithALowerIdIsStillStreamedBeforeTheNextOnes() throws Exception {
        try (SseStream stream = open("/api/v2/events", "fred", null)) {
            // Another gateway drew this id and has not stored its event yet.
            long drawn = sequence.next();
            String later = create("fred", "true");
            // The later job's event is stored, but waits behind the missing id: no page or stream has it yet.
            given().auth().oauth2(Tokens.of("fred")).queryParam("after", stream.openedAt()).get("/api/v2/events").then()
                    .statusCode(200).body("items.size()", equalTo(0));
            stored(drawn, "slow-writer", "fred");
            List<SseEvent> seen = stream.until(later, "pending", Duration.ofSeconds(10));
            assertEquals(List.of("slow-writer", later), seen.stream().map(SseEvent::jobId).toList());
        }
    }

    @Test
    void concurrentDrawsEachGetTheirOwnId() throws Exception {
        // The embedded server's $inc is not atomic under concurrent calls (about 1 in 10 draws collided).
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(32);
        List<java.util.concurrent.Future<Long>> draws = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            draws.add(pool.submit(sequence::next));
        }
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (java.util.concurrent.Future<Long> draw : draws) {
            ids.add(draw.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(500, ids.size());
        // Those ids are never stored: stand in for them, so the feed need not wait out the gap.
        for (long id : ids) {
            stored(id, "draw-" + id, "nobody");
        }
    }

    @Test
    void anIdAnotherGatewayTookIsDrawnAgain() {
        long drawn = sequence.next();
        stored(drawn, "before", "ivan");
        // The next id is stored already, as another gateway's draw on the same database could be.
        stored(drawn + 1, "taken", "ivan");
        log.append("job.state", "ivan", "mine", Map.of("to", "pending"));
        List<String> jobs = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> given().auth().oauth2(Tokens.of("ivan")).queryParam("after", drawn - 1)
                        .get("/api/v2/events").then().statusCode(200).extract().jsonPath().getList("items.jobId",
                                String.class), found -> found.contains("mine"));
        assertEquals(List.of("before", "taken", "mine"), jobs);
    }

    private static void stored(long id, String jobId, String owner) {
        GatewayEvent event = new GatewayEvent();
        event.id = id;
        event.type = "job.state";
        event.owner = owner;
        event.jobId = jobId;
        event.at = java.time.Instant.now();
        event.data = Map.of("to", "pending");
        event.persist();
    }

    @Test
    void refusesBadResumptionPointsAndAnonymousCallers() {
        given().auth().oauth2(Tokens.of("dora")).header("Accept", "text/event-stream").header("Last-Event-ID", "x")
                .get("/api/v2/events").then().statusCode(400).body("details.field", equalTo("Last-Event-ID"));
        given().auth().oauth2(Tokens.of("dora")).queryParam("after", "-1").get("/api/v2/events").then().statusCode(400);
        given().header("Accept", "text/event-stream").get("/api/v2/events").then().statusCode(401);
    }

    private static String create(String user, String command) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body(Map.of("name", "events", "command", command)).post("/api/v2/jobs").then().statusCode(201)
                .extract().path("id");
    }

    private SseStream open(String path, String user, Long lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .header("Authorization", "Bearer " + Tokens.of(user)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        SseStream stream = new SseStream(response.body());
        stream.awaitOpen(Duration.ofSeconds(10));
        return stream;
    }

    record SseEvent(long id, String type, String jobId, JsonNode data) {}

    /** Reads a text/event-stream on its own thread; the test polls what arrived with a deadline. */
    static final class SseStream implements AutoCloseable {
        private final java.io.InputStream body;
        private final BlockingQueue<SseEvent> queue = new LinkedBlockingQueue<>();
        private final List<SseEvent> received = new ArrayList<>();
        private final java.util.concurrent.CompletableFuture<Long> opened = new java.util.concurrent.CompletableFuture<>();

        SseStream(java.io.InputStream body) {
            this.body = body;
            Thread reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                String name = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if ("stream.open".equals(name)) {
                            opened.complete(Long.parseLong(id));
                        } else if (id != null) {
                            JsonNode event = JSON.readTree(data.toString());
                            queue.add(new SseEvent(Long.parseLong(id), event.get("type").asText(),
                                    event.get("jobId").asText(), event.get("data")));
                        }
                        id = null;
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
            } catch (Exception closed) {
                // the test closed the stream
            }
        }

        /** Waits for the stream.open event: from then on every new event reaches this stream. */
        void awaitOpen(Duration within) throws Exception {
            opened.get(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** The id the stream.open event carried: the log's horizon when the stream went live. */
        long openedAt() {
            return opened.join();
        }

        /** Everything received so far. */
        List<SseEvent> received() {
            queue.drainTo(received);
            return List.copyOf(received);
        }

        /** Events until {@code jobId} reaches {@code state}, or fails at the deadline. */
        List<SseEvent> until(String jobId, String state, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                SseEvent event = queue.poll(200, TimeUnit.MILLISECONDS);
                if (event != null) {
                    received.add(event);
                    if (event.jobId().equals(jobId) && event.type().equals("job.state")
                            && state.equals(event.data().get("to").asText())) {
                        return List.copyOf(received);
                    }
                }
            }
            throw new AssertionError("no " + state + " event for " + jobId + " within " + within + ": " + received);
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }
}
