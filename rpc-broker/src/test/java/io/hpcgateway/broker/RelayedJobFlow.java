package io.hpcgateway.broker;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hpcgateway.broker.support.BrokerProcess;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.GatewayProcess;
import io.hpcgateway.gateway.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The world of a relayed gateway: the front end (real SLURM in CI), the gateway, and a relay and
 * an edge on one AMQP broker; and the job flow a client runs through it, with a 100 MiB file.
 */
final class RelayedJobFlow implements AutoCloseable {

    static final Duration FINISH = Duration.ofSeconds(120);
    static final Set<String> FINAL = Set.of("completed", "failed", "cancelled", "timeout");
    static final int FILE_BYTES = 100 * 1024 * 1024;

    final FrontendProcess frontend = new FrontendProcess();
    final Path data;
    final GatewayProcess gateway;
    final Map<String, String> brokerSettings;
    BrokerProcess relay;
    final BrokerProcess edge;

    /** @param broker where the AMQP broker is and how its queues are named ({@code broker.amqp.*}, {@code broker.queue.*}) */
    RelayedJobFlow(Map<String, String> broker) throws Exception {
        Map<String, String> frontendConfig = frontend.start();
        Files.createDirectories(FrontendProcess.DATA);
        data = Files.createTempDirectory(FrontendProcess.DATA, "relay-");
        gateway = new GatewayProcess(data, frontendConfig);
        gateway.start();
        brokerSettings = new HashMap<>(broker);
        brokerSettings.put("broker.relay.gateway-url", gateway.url());
        relay = newRelay().start();
        edge = new BrokerProcess("edge", data, broker).start();
    }

    BrokerProcess newRelay() {
        return new BrokerProcess("relay", data, brokerSettings);
    }

    RequestSpecification as(String user) {
        return given().baseUri(edge.url()).auth().oauth2(Tokens.of(user));
    }

    /** Create, upload 100 MiB, launch, follow, download byte-identical; then cancel a running job. */
    void run() throws Exception {
        Path input = data.resolve("input.bin");
        String sha256 = writeRandom(input);
        String id = as("rita").contentType(ContentType.JSON).body(Map.of("name", "relayed",
                        "command", "sha256sum input.bin | cut -c1-64 > input.sha256 && cp input.bin output.bin"))
                .post("/api/v2/jobs").then().statusCode(201).extract().path("id");
        as("rita").body(input.toFile()).contentType(ContentType.BINARY).queryParam("sha256", sha256)
                .put("/api/v2/jobs/" + id + "/files/input.bin").then().statusCode(201).body("size", equalTo(FILE_BYTES));
        as("rita").post("/api/v2/jobs/" + id + "/launch").then().statusCode(200).body("state", equalTo("queued"));
        await().atMost(FINISH).pollInterval(Duration.ofMillis(500))
                .until(() -> FINAL.contains(as("rita").get("/api/v2/jobs/" + id).then().extract().<String>path("state")));
        as("rita").get("/api/v2/jobs/" + id).then().statusCode(200).body("state", equalTo("completed"));
        assertEquals(sha256, as("rita").get("/api/v2/jobs/" + id + "/files/input.sha256").then().statusCode(200)
                .extract().asString().strip(), "the cluster received the very bytes sent");
        try (InputStream output = as("rita").get("/api/v2/jobs/" + id + "/files/output.bin").then().statusCode(200)
                .extract().asInputStream()) {
            assertEquals(sha256, sha256(output), "the download is byte-identical");
        }

        String sleeper = as("rita").contentType(ContentType.JSON).body(Map.of("name", "sleeper", "command", "sleep 300"))
                .post("/api/v2/jobs").then().statusCode(201).extract().path("id");
        as("rita").post("/api/v2/jobs/" + sleeper + "/launch").then().statusCode(200);
        await().atMost(FINISH).until(() -> "running".equals(as("rita").get("/api/v2/jobs/" + sleeper).then()
                .extract().path("state")));
        as("rita").post("/api/v2/jobs/" + sleeper + "/cancel").then().statusCode(202);
        await().atMost(FINISH).until(() -> "cancelled".equals(as("rita").get("/api/v2/jobs/" + sleeper).then()
                .extract().path("state")));

        for (BrokerProcess side : new BrokerProcess[] {relay, edge}) {
            given().baseUri(side.url()).get("/q/metrics").then().statusCode(200)
                    .body(containsString("rpc_broker_requests_total{"), containsString("outcome=\"answered\""));
            given().baseUri(side.url()).get("/q/health/ready").then().statusCode(200)
                    .body(containsString("amqp-broker"));
        }
    }

    static String writeRandom(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < FILE_BYTES; written += block.length) {
                random.nextBytes(block);
                digest.update(block);
                out.write(block);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream stream = new DigestInputStream(in, digest)) {
            stream.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void close() throws Exception {
        for (BrokerProcess process : new BrokerProcess[] {edge, relay}) {
            if (process != null) {
                process.stop();
            }
        }
        gateway.stop();
        frontend.stop();
    }
}
