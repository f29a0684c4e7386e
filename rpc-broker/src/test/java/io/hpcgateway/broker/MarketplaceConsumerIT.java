package io.hpcgateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import io.hpcgateway.broker.support.RabbitMq;
import io.hpcgateway.gateway.support.Tokens;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay as a stock MarketPlace requester sees it over RabbitMQ (AMQP 0-9-1, pika's way: an
 * exclusive reply queue, uuid correlation ids, {@code MessageBrokerResponseModel} answers): one
 * message per answer unless it asks for parts, and exactly one effect per request even when the
 * relay is killed in the middle of a burst.
 */
class MarketplaceConsumerIT {

    /** Below the 8 MiB file, above the 2 MiB one even in base64. */
    static final String MAX_MESSAGE = "6M";
    static final int BURST = 40;

    static RelayedJobFlow world;
    static Connection connection;
    static Channel channel;
    static String replyQueue;
    static final BlockingQueue<Delivery> replies = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(RabbitMq.required(), "RabbitMQ is not running here (deploy/local/rabbitmq-up.sh)");
        world = new RelayedJobFlow(Map.of("broker.amqp.port", Integer.toString(RabbitMq.PORT),
                "broker.amqp.queue-prefix", "/queue/", "broker.amqp.username", "guest", "broker.amqp.password", "guest",
                "broker.queue.name", RabbitMqRelayIT.QUEUE + "-consumer", "broker.max-message-size", MAX_MESSAGE));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        connection = factory.newConnection();
        channel = connection.createChannel();
        channel.queueDeclare(RabbitMqRelayIT.QUEUE + "-consumer", false, false, false, null);
        replyQueue = channel.queueDeclare().getQueue();
        channel.basicConsume(replyQueue, true, (tag, delivery) -> replies.add(delivery), tag -> {});
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aStockConsumerGetsOneMessageOrA413AndAnOptedInOneGetsParts() throws Exception {
        String id = world.as("mona").contentType(ContentType.JSON).body(Map.of("name", "files", "command", "true"))
                .post("/api/v2/jobs").then().statusCode(201).extract().path("id");
        byte[] small = random(2 * 1024 * 1024 + 3);
        byte[] large = random(8 * 1024 * 1024);
        for (Map.Entry<String, byte[]> file : Map.of("small.bin", small, "large.bin", large).entrySet()) {
            world.as("mona").contentType(ContentType.BINARY).body(file.getValue())
                    .put("/api/v2/jobs/" + id + "/files/" + file.getKey()).then().statusCode(201);
        }

        JsonObject whole = single(download(id, "small.bin", false));
        assertEquals(200, whole.getInteger("status_code"));
        assertFalse(whole.containsKey("chunk") || whole.containsKey("more"), "one message, no parts: " + whole.fieldNames());
        assertEquals("base64", whole.getString("body_encoding"));
        assertEquals(sha256(small), sha256(Base64.getDecoder().decode(whole.getString("body"))));

        JsonObject refused = single(download(id, "large.bin", false));
        assertEquals(413, refused.getInteger("status_code"));
        JsonObject error = new JsonObject(refused.getString("body"));
        assertEquals("answer_too_large", error.getString("error"));
        assertTrue(error.getString("message").contains("accept_chunks"), error.getString("message"));

        String correlationId = download(id, "large.bin", true);
        ByteArrayOutputStream parts = new ByteArrayOutputStream();
        int messages = 0;
        for (boolean more = true; more; messages++) {
            JsonObject part = single(correlationId);
            assertEquals(messages, part.getInteger("chunk"));
            if (messages == 0) {
                assertEquals(200, part.getInteger("status_code"));
            }
            parts.write(Base64.getDecoder().decode(part.getString("body")));
            more = part.getBoolean("more");
        }
        assertTrue(messages >= 8, "an 8 MiB body in parts of about 1 MiB, got " + messages);
        assertEquals(sha256(large), sha256(parts.toByteArray()));

        JsonObject text = single(publish(new JsonObject().put("endpoint", "heartbeat").put("method", "GET")));
        assertNull(text.getString("body_encoding"), "a text answer stays plain text");
        assertEquals("HPC-gateway-App : application running.",
                new JsonObject(text.getString("body")).getString("message"));
    }

    @Test
    void aRelayKilledMidBurstLosesNothingAndDoublesNothing() throws Exception {
        String user = "burst";
        Map<String, String> sent = new HashMap<>();
        for (int i = 0; i < BURST; i++) {
            String correlationId = publish(new JsonObject().put("endpoint", "api/v1/job/create").put("method", "POST")
                    .put("headers", new JsonObject().put("Authorization", "Bearer " + Tokens.of(user))
                            .put("Content-Type", "application/json"))
                    .put("body", new JsonObject().put("job_name", "burst-" + i).put("executable_cmd", "true").encode()));
            sent.put(correlationId, "burst-" + i);
        }
        Map<String, Integer> answers = new HashMap<>();
        Set<String> jobIds = new HashSet<>();
        int replayed = 0;
        while (answers.size() < 3) {
            replayed += take(answers, jobIds);
        }
        world.relay.kill();
        int answeredBeforeKill = answers.size();
        world.relay = world.newRelay().start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (answers.size() < BURST && System.nanoTime() < deadline) {
            replayed += take(answers, jobIds);
        }
        // The successor may answer a request the dead relay had answered but not settled: drain those.
        Delivery late;
        while ((late = replies.poll(2, TimeUnit.SECONDS)) != null) {
            replayed += count(late, answers, jobIds);
        }
        long duplicates = answers.values().stream().mapToInt(n -> n - 1).sum();
        long stored;
        try (MongoClient mongo = MongoClients.create(world.gateway.mongoUrl())) {
            stored = mongo.getDatabase("hpc_gateway").getCollection("jobs").countDocuments(Filters.eq("owner", user));
        }
        System.out.printf("relay kill burst: %d sent, %d answered before the kill, %d answered, %d answers repeated, "
                + "%d replayed by the gateway, %d jobs stored%n", BURST, answeredBeforeKill, answers.size(),
                duplicates, replayed, stored);
        assertEquals(sent.keySet(), answers.keySet(), "every request answered (0 lost)");
        assertEquals(BURST, jobIds.size(), "one job per request");
        assertEquals(BURST, stored, "0 duplicate effects in the database");
    }

    /** Takes one answer (30 s at most) and counts it; returns 1 when the gateway replayed it. */
    private static int take(Map<String, Integer> answers, Set<String> jobIds) throws Exception {
        Delivery reply = replies.poll(30, TimeUnit.SECONDS);
        assertTrue(reply != null, "an answer within 30 s; answered so far: " + answers.size());
        return count(reply, answers, jobIds);
    }

    private static int count(Delivery reply, Map<String, Integer> answers, Set<String> jobIds) {
        JsonObject answer = new JsonObject(new String(reply.getBody(), StandardCharsets.UTF_8));
        assertEquals(200, answer.getInteger("status_code"), answer.encode());
        answers.merge(reply.getProperties().getCorrelationId(), 1, Integer::sum);
        jobIds.add(new JsonObject(answer.getString("body")).getString("jobid"));
        JsonObject headers = answer.getJsonObject("headers");
        return headers != null && "true".equals(headers.getString("Idempotent-Replayed")) ? 1 : 0;
    }

    private static String download(String id, String file, boolean acceptChunks) throws Exception {
        JsonObject request = new JsonObject().put("endpoint", "api/v2/jobs/" + id + "/files/" + file).put("method", "GET")
                .put("headers", new JsonObject().put("Authorization", "Bearer " + Tokens.of("mona")));
        if (acceptChunks) {
            request.put("accept_chunks", true);
        }
        return publish(request);
    }

    private static String publish(JsonObject request) throws Exception {
        String correlationId = java.util.UUID.randomUUID().toString();
        channel.basicPublish("", RabbitMqRelayIT.QUEUE + "-consumer", new AMQP.BasicProperties.Builder()
                .replyTo(replyQueue).correlationId(correlationId).build(), request.toBuffer().getBytes());
        return correlationId;
    }

    private static JsonObject single(String correlationId) throws Exception {
        Delivery reply = replies.poll(60, TimeUnit.SECONDS);
        assertTrue(reply != null, "an answer within 60 s to " + correlationId);
        assertEquals(correlationId, reply.getProperties().getCorrelationId());
        return new JsonObject(new String(reply.getBody(), StandardCharsets.UTF_8));
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
