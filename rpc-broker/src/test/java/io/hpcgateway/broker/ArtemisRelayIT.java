package io.hpcgateway.broker;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.hpcgateway.broker.support.BrokerProcess;
import io.hpcgateway.broker.support.EmbeddedArtemis;
import io.hpcgateway.cli.support.Cli;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.Tokens;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The relay over ActiveMQ Artemis (embedded in this JVM, so the test can take it away). */
class ArtemisRelayIT {

    static EmbeddedArtemis artemis;
    static RelayedJobFlow world;
    static Vertx vertx = Vertx.vertx();

    @BeforeAll
    static void start() throws Exception {
        artemis = new EmbeddedArtemis(FrontendProcess.freePort());
        artemis.start();
        world = new RelayedJobFlow(settings("hpcgw-requests"));
    }

    @AfterAll
    static void stop() throws Exception {
        world.close();
        artemis.stop();
        vertx.close();
    }

    static Map<String, String> settings(String queue) {
        return Map.of("broker.amqp.port", Integer.toString(artemis.port()), "broker.queue.name", queue,
                "broker.amqp.reconnect-max-delay", "2s");
    }

    @Test
    void theJobFlowRunsThroughEdgeBrokerAndRelay() throws Exception {
        world.run();
    }

    /**
     * hpcgw against the edge as against the gateway: a job, and a file through the tus route in
     * parts (PATCH and HEAD relayed like any other request), downloaded again and verified.
     */
    @Test
    void theCommandLineWorksThroughTheEdgeAsAgainstTheGateway() throws Exception {
        Cli cli = new Cli(Files.createTempDirectory(world.data, "cli-"), world.edge.url())
                .with("HPCGW_TOKEN", Tokens.of("cleo"));
        assertEquals("cleo", cli.json("whoami").path("clusterUser").asText());
        String id = cli.json("jobs", "create", "--command", "wc -c < in.bin > count.txt").path("id").asText();
        byte[] data = new byte[12 * 1024 * 1024 + 3];
        new java.util.Random(3).nextBytes(data);
        Path local = cli.home().resolve("in.bin");
        Files.write(local, data);
        var put = cli.json("files", "put", id, local.toString(), "--part-size", "4M", "--resumable-above", "1M");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        assertEquals(sha, put.get(0).path("sha256").asText());
        Path back = cli.home().resolve("back.bin");
        assertEquals(sha, cli.json("files", "get", id, "in.bin", "-O", back.toString()).path("sha256").asText());
        assertArrayEquals(data, Files.readAllBytes(back));

        assertEquals(0, cli.run("jobs", "launch", id).code());
        Cli.Result watched = cli.run("jobs", "watch", id, "--interval", "0.5");
        assertEquals(0, watched.code(), watched.toString());
        assertEquals(String.valueOf(data.length), cli.run("files", "get", id, "count.txt", "-O", "-").out().strip());
    }

    @Test
    void aRelayKilledMidRequestLeavesItToItsSuccessorWhichAnswersOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.createContext("/", exchange -> {
            calls.incrementAndGet();
            try {
                release.await(60, TimeUnit.SECONDS);
                byte[] body = "{\"answer\":42}".getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (Exception e) {
                // the first relay died: nobody reads this answer
            } finally {
                exchange.close();
            }
        });
        slow.setExecutor(Executors.newCachedThreadPool()); // the dead relay's call keeps its thread
        slow.start();
        Map<String, String> settings = new java.util.HashMap<>(settings("hpcgw-slow"));
        settings.put("broker.relay.gateway-url", "http://127.0.0.1:" + slow.getAddress().getPort());
        BrokerProcess first = new BrokerProcess("relay", world.data, settings).start();
        AmqpConnection client = connect();
        List<AmqpMessage> answers = new CopyOnWriteArrayList<>();
        client.createReceiver("hpcgw-slow-replies").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .handler(answers::add);
        client.createSender("hpcgw-slow").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .sendWithAck(AmqpMessage.create().correlationId("once").replyTo("hpcgw-slow-replies")
                        .withBufferAsBody(new JsonObject().put("endpoint", "slow").put("method", "GET").toBuffer())
                        .build()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() == 1);
        first.kill();
        BrokerProcess second = new BrokerProcess("relay", world.data, settings).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> calls.get() == 2);
        release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> answers.size() == 1);
        second.stop(); // drains: anything still to answer would be answered before it exits
        assertEquals(1, answers.size(), "answered exactly once");
        assertEquals("once", answers.get(0).correlationId());
        JsonObject answer = answers.get(0).bodyAsBinary().toJsonObject();
        assertEquals(200, answer.getInteger("status_code"));
        assertEquals("{\"answer\":42}", answer.getString("body"));
        assertTrue(second.log().contains("event=relayed correlation_id=once"), second.log());
        client.close();
        slow.stop(0);
    }

    @Test
    void aBrokerAwayForTenSecondsIsReconnectedTo() throws Exception {
        artemis.stop();
        // The relay must notice and stay not-ready for the whole outage, then carry on.
        await().atMost(Duration.ofSeconds(15)).until(() -> !world.relay.ready());
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(12)).until(() -> !world.relay.ready());
        artemis.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> world.relay.ready() && world.edge.ready());
        given().baseUri(world.edge.url()).get("/heartbeat").then().statusCode(200);
        assertFalse(world.relay.log().isEmpty());
    }

    static AmqpConnection connect() throws Exception {
        return AmqpClient.create(vertx, new AmqpClientOptions().setHost("127.0.0.1").setPort(artemis.port()))
                .connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
