package io.hpcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.GatewayProcess;
import io.hpcgateway.gateway.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway killed with SIGKILL while jobs are queued and running, then started again on the
 * same database: every job reaches its true final state and nothing is submitted twice.
 */
class GatewayRestartIT {

    static final Duration FINISH = Duration.ofSeconds(120);
    static final Set<String> FINAL = Set.of("completed", "failed", "cancelled", "timeout");

    static FrontendProcess frontend = new FrontendProcess();
    static Map<String, String> frontendConfig;
    static GatewayProcess gateway;

    @BeforeAll
    static void start() throws Exception {
        frontendConfig = frontend.start();
        Path data = Files.createTempDirectory(FrontendProcess.DATA, "restart-");
        gateway = new GatewayProcess(data, frontendConfig);
        gateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop();
        frontend.stop();
    }

    @Test
    void jobsQueuedAndRunningAtAKill9ReachTheirTrueFinalState() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String command : List.of("sleep 6; exit 0", "sleep 6; exit 5", "sleep 6; echo done", "sleep 6; exit 7")) {
            String id = as("alice").contentType(ContentType.JSON).body(Map.of("name", "restart", "command", command))
                    .post(gateway.url() + "/api/v2/jobs").then().statusCode(201).extract().path("id");
            as("alice").post(gateway.url() + "/api/v2/jobs/" + id + "/launch").then().statusCode(200);
            ids.add(id);
        }
        // Two CPUs: two jobs run, two wait in the queue.
        await().atMost(FINISH).until(() -> ids.stream().map(GatewayRestartIT::state).anyMatch("running"::equals));
        gateway.kill();
        gateway.start();

        await().atMost(FINISH).until(() -> ids.stream().map(GatewayRestartIT::state).allMatch(FINAL::contains));
        List<Integer> expectedExit = List.of(0, 5, 0, 7);
        for (int i = 0; i < ids.size(); i++) {
            JsonPath job = job(ids.get(i));
            assertEquals(expectedExit.get(i) == 0 ? "completed" : "failed", job.getString("state"), job.prettify());
            assertEquals(expectedExit.get(i), job.getInt("exitCode"));
            assertEquals(1, submissionsNamed("hpcgw-" + ids.get(i)), "submitted exactly once");
        }
    }

    @Test
    void aSubmissionWhoseRecordWasLostIsAdoptedNotRepeated() throws Exception {
        String id = as("alice").contentType(ContentType.JSON).body(Map.of("name", "lost", "command", "sleep 2"))
                .post(gateway.url() + "/api/v2/jobs").then().statusCode(201).extract().path("id");
        String folder = job(id).getString("folder");
        // What a gateway that died right after sbatch leaves behind: the launch claimed in the
        // database, the job in the scheduler under the gateway's name, no scheduler id recorded.
        long submitted = as("alice").contentType(ContentType.JSON)
                .body(Map.of("job", Map.of("name", "hpcgw-" + id, "workingDirectory", folder,
                        "script", "#!/bin/bash\nsleep 2\n")))
                .post(frontendUrl() + "/compute/" + system() + "/jobs").then().statusCode(201)
                .extract().jsonPath().getLong("jobId");
        try (MongoClient mongo = MongoClients.create(gateway.mongoUrl())) {
            var jobs = mongo.getDatabase("hpc_gateway").getCollection("jobs");
            jobs.updateOne(Filters.eq("_id", id), Updates.set("launchClaimedAt", new Date()));
            assertNull(jobs.find(Filters.eq("_id", id)).first().get("schedulerJobId"), "no scheduler id recorded");
        }
        gateway.kill();
        gateway.start();

        await().atMost(FINISH).until(() -> FINAL.contains(state(id)));
        JsonPath job = job(id);
        assertEquals("completed", job.getString("state"), job.prettify());
        assertEquals(submitted, job.getLong("schedulerJobId"), "the existing scheduler job was adopted");
        as("alice").post(gateway.url() + "/api/v2/jobs/" + id + "/launch").then().statusCode(409);
        assertEquals(1, submissionsNamed("hpcgw-" + id));
    }

    @Test
    void anUploadInFlightAtSigtermIsFinishedAndAnswered() throws Exception {
        String id = as("alice").contentType(ContentType.JSON).body(Map.of("name", "drain", "command", "true"))
                .post(gateway.url() + "/api/v2/jobs").then().statusCode(201).extract().path("id");
        int chunks = 30;
        CountDownLatch halfway = new CountDownLatch(1);
        InputStream slow = new InputStream() {
            private int sent;
            private int inChunk;

            @Override
            public int read() {
                throw new UnsupportedOperationException("read(byte[], int, int) only");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (sent == chunks) {
                    return -1;
                }
                if (inChunk == 0) {
                    if (sent == chunks / 2) {
                        halfway.countDown();
                    }
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // a slow client, 10 MiB/s
                }
                int n = Math.min(length, CHUNK - inChunk);
                Arrays.fill(buffer, offset, offset + n, (byte) 'x');
                inChunk += n;
                if (inChunk == CHUNK) {
                    inChunk = 0;
                    sent++;
                }
                return n;
            }
        };
        HttpRequest upload = HttpRequest.newBuilder(URI.create(gateway.url() + "/api/v2/jobs/" + id + "/files/big.bin"))
                .header("Authorization", "Bearer " + Tokens.of("alice"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> slow),
                        (long) chunks * CHUNK)).build();
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient()
                .sendAsync(upload, HttpResponse.BodyHandlers.ofString());
        assertTrue(halfway.await(30, TimeUnit.SECONDS), "the upload got halfway");
        gateway.terminate();
        HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
        assertEquals(201, response.statusCode(), response.body());
        assertTrue(gateway.awaitExit(Duration.ofSeconds(40)), "the gateway exits once drained");
        gateway.start();
        assertEquals((long) chunks * CHUNK, as("alice").get(gateway.url() + "/api/v2/jobs/" + id + "/files/big.bin")
                .then().statusCode(200).extract().asByteArray().length, "the whole file arrived");
    }

    private static final int CHUNK = 1 << 20;

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user));
    }

    private static JsonPath job(String id) {
        return as("alice").get(gateway.url() + "/api/v2/jobs/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static String state(String id) {
        return job(id).getString("state");
    }

    private static String frontendUrl() {
        return frontendConfig.get("gateway.clusters.local.url");
    }

    private static String system() {
        return frontendConfig.get("gateway.clusters.local.system");
    }

    /** How many scheduler jobs carry this name, asked of the front end directly. */
    private static int submissionsNamed(String name) {
        return as("alice").queryParam("name", name).queryParam("time_window", "1h")
                .get(frontendUrl() + "/compute/" + system() + "/jobs").then().statusCode(200)
                .extract().jsonPath().getList("jobs").size();
    }
}
