package io.hpcgateway.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.hpcgateway.broker.support.BrokerProcess;
import io.hpcgateway.broker.support.EmbeddedArtemis;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The relay against a corpus of hostile messages kept as data ({@code hostile/relay.jsonl}, one
 * case a line): each is answered on its reply-to with its expected status and the JSON error
 * shape, names no Java class, and never reaches the gateway (a recording stand-in) or any other
 * host (a second recording server the messages aim at). The relay stays ready throughout.
 */
class HostileMessagesIT {

    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(java|javax|io\\.vertx|io\\.netty|io\\.quarkus|com\\.fasterxml|io\\.hpcgateway)\\.[A-Za-z]|Exception\\b");
    private static final String QUEUE = "hpcgw-hostile";
    private static final String REPLIES = "hpcgw-hostile-replies";

    static EmbeddedArtemis artemis;
    static HttpServer gateway;
    static HttpServer elsewhere;
    static AtomicInteger gatewayCalls = new AtomicInteger();
    static AtomicInteger elsewhereCalls = new AtomicInteger();
    static BrokerProcess relay;
    static Vertx vertx = Vertx.vertx();
    static AmqpConnection client;
    static AmqpSender sender;
    static Map<String, AmqpMessage> answers = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        artemis = new EmbeddedArtemis(FrontendProcess.freePort());
        artemis.start();
        gateway = recording(gatewayCalls);
        elsewhere = recording(elsewhereCalls);
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target/broker-test-data")), "hostile-");
        relay = new BrokerProcess("relay", data, Map.of("broker.amqp.port", Integer.toString(artemis.port()),
                "broker.queue.name", QUEUE,
                "broker.relay.gateway-url", "http://127.0.0.1:" + gateway.getAddress().getPort())).start();
        client = AmqpClient.create(vertx, new AmqpClientOptions().setHost("127.0.0.1").setPort(artemis.port()))
                .connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client.createReceiver(REPLIES).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .handler(answer -> answers.put(answer.correlationId(), answer));
        sender = client.createSender(QUEUE).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        relay.stop();
        gateway.stop(0);
        elsewhere.stop(0);
        artemis.stop();
        vertx.close();
    }

    static Stream<JsonObject> corpus() throws IOException {
        List<JsonObject> cases = new ArrayList<>();
        try (InputStream in = HostileMessagesIT.class.getResourceAsStream("/hostile/relay.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    cases.add(new JsonObject(line));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isAnsweredAndGoesNowhere(JsonObject hostile) throws Exception {
        String name = hostile.getString("case");
        int reachedBefore = gatewayCalls.get();
        JsonObject answer = send(name, body(hostile));
        List<Integer> expected = new ArrayList<>();
        hostile.getJsonArray("status").forEach(status -> expected.add(((Number) status).intValue()));
        assertTrue(expected.contains(answer.getInteger("status_code")), name + ": " + answer.encode());
        String text = answer.getString("body", "");
        assertFalse(CLASS_NAME.matcher(text).find(), name + ": names a Java class: " + text);
        if (answer.getInteger("status_code") >= 400) {
            JsonObject error = new JsonObject(text);
            assertTrue(error.getString("error") != null && error.getString("message") != null
                    && error.containsKey("details"),
                    name + ": not the {error, message, details} shape: " + text);
        }
        boolean reaches = hostile.getBoolean("reaches", false);
        assertEquals(reaches ? reachedBefore + 1 : reachedBefore, gatewayCalls.get(), name + ": reached the gateway?");
        assertEquals(0, elsewhereCalls.get(), name + ": a request left for another host");
        assertTrue(relay.ready(), name + ": the relay is no longer ready");
    }

    @Test
    void aPlainRequestStillGoesThrough() throws Exception {
        int before = gatewayCalls.get();
        JsonObject answer = send("plain", new JsonObject().put("endpoint", "ok").put("method", "GET").toBuffer());
        assertEquals(200, answer.getInteger("status_code"));
        assertEquals(before + 1, gatewayCalls.get());
    }

    private static JsonObject send(String correlationId, Buffer body) throws Exception {
        sender.sendWithAck(AmqpMessage.create().correlationId(correlationId).replyTo(REPLIES).withBufferAsBody(body)
                .build()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> answers.containsKey(correlationId));
        return answers.remove(correlationId).bodyAsBinary().toJsonObject();
    }

    private static Buffer body(JsonObject hostile) {
        String target = "127.0.0.1:" + elsewhere.getAddress().getPort();
        if (hostile.containsKey("message")) {
            return Buffer.buffer(hostile.getString("message"));
        }
        if (hostile.containsKey("json")) {
            return Buffer.buffer(hostile.getJsonObject("json").encode().replace("{elsewhere}", target));
        }
        JsonObject request = new JsonObject().put("endpoint", "ok").put("method", "GET");
        switch (hostile.getString("generated")) {
            case "long-endpoint" -> request.put("endpoint", "a".repeat(100_000));
            case "many-headers" -> {
                JsonObject headers = new JsonObject();
                for (int i = 0; i < 10_000; i++) {
                    headers.put("X-H" + i, "v");
                }
                request.put("headers", headers);
            }
            case "huge-header" -> request.put("headers", new JsonObject().put("X-Big", "b".repeat(1 << 20)));
            default -> throw new IllegalArgumentException("unknown generated message " + hostile.getString("generated"));
        }
        return request.toBuffer();
    }

    private static HttpServer recording(AtomicInteger calls) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            byte[] ok = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
        return server;
    }
}
