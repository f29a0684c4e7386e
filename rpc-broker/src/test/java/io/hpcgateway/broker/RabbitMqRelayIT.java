package io.hpcgateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import io.hpcgateway.broker.support.RabbitMq;
import io.hpcgateway.gateway.support.Tokens;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The relay over RabbitMQ 3.10 (the MarketPlace's broker), reached as the MarketPlace reaches it. */
class RabbitMqRelayIT {

    static final String APPLICATION_ID = "hpcgw-test-app";
    /** int(sha256_hex("hpcgw-test-app" + "s3cret"), 16) mod 10^16, computed independently (Python). */
    static final String QUEUE = APPLICATION_ID + ":2193409447210779";

    static RelayedJobFlow world;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(RabbitMq.required(), "RabbitMQ is not running here (deploy/local/rabbitmq-up.sh)");
        world = new RelayedJobFlow(Map.of("broker.amqp.port", Integer.toString(RabbitMq.PORT),
                "broker.amqp.queue-prefix", "/queue/", "broker.amqp.username", "guest", "broker.amqp.password", "guest",
                "broker.queue.application-id", APPLICATION_ID, "broker.queue.application-secret", "s3cret"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void theJobFlowRunsThroughEdgeBrokerAndRelay() throws Exception {
        world.run();
    }

    @Test
    void aMarketplaceClientSpeakingAmqp091GetsItsAnswers() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.queueDeclare(QUEUE, false, false, false, null);
            String replyQueue = channel.queueDeclare().getQueue(); // exclusive, server-named, as pika's RPC client
            BlockingQueue<Delivery> replies = new LinkedBlockingQueue<>();
            channel.basicConsume(replyQueue, true, (tag, delivery) -> replies.add(delivery), tag -> {});

            JsonObject heartbeat = call(channel, replyQueue, replies, "hb-1",
                    "{\"endpoint\": \"heartbeat\", \"method\": \"GET\", \"query_params\": null, \"headers\": null, "
                            + "\"body\": null}");
            assertEquals(200, heartbeat.getInteger("status_code"));
            assertEquals("HPC-gateway-App : application running.",
                    new JsonObject(heartbeat.getString("body")).getString("message"));

            String token = Tokens.of("mara");
            JsonObject me = call(channel, replyQueue, replies, "me-1", new JsonObject().put("endpoint", "api/v2/me")
                    .put("method", "GET").put("headers", new JsonObject().put("Authorization", "Bearer " + token))
                    .encode());
            assertEquals(200, me.getInteger("status_code"));
            assertEquals("mara", new JsonObject(me.getString("body")).getString("clusterUser"));

            JsonObject created = call(channel, replyQueue, replies, "create-1", new JsonObject()
                    .put("endpoint", "api/v1/job/create").put("method", "POST")
                    .put("headers", new JsonObject().put("Authorization", "Bearer " + Tokens.of("mara"))
                            .put("Content-Type", "application/json"))
                    .put("body", "{\"job_name\": \"mp\", \"executable_cmd\": \"true\"}").encode());
            assertEquals(200, created.getInteger("status_code"), created.encode());
            assertTrue(new JsonObject(created.getString("body")).getString("jobid").length() > 10);

            JsonObject malformed = call(channel, replyQueue, replies, "bad-1", "not json at all");
            assertEquals(400, malformed.getInteger("status_code"));

            for (String escape : new String[] {"http://169.254.169.254/latest/meta-data", "//evil.example/x",
                    "api/../../etc/passwd", "api/%2e%2e/%2e%2e/x", "api/v2/me?x=1"}) {
                JsonObject refused = call(channel, replyQueue, replies, "ssrf-" + escape.hashCode(),
                        new JsonObject().put("endpoint", escape).put("method", "GET").encode());
                assertEquals(400, refused.getInteger("status_code"), escape);
            }
            String log = world.relay.log();
            assertTrue(log.contains("event=relayed correlation_id=me-1"), log);
            assertFalse(log.contains(token) || log.contains("s3cret") || log.contains("executable_cmd"),
                    "the relay's log holds no tokens, secrets or bodies");
        }
    }

    /** Publishes as the MarketPlace does (reply_to + correlation_id) and returns the parsed answer. */
    static JsonObject call(Channel channel, String replyQueue, BlockingQueue<Delivery> replies, String correlationId,
                           String body) throws Exception {
        channel.basicPublish("", QUEUE, new AMQP.BasicProperties.Builder().replyTo(replyQueue)
                .correlationId(correlationId).build(), body.getBytes(StandardCharsets.UTF_8));
        Delivery reply = replies.poll(30, TimeUnit.SECONDS);
        assertTrue(reply != null, "an answer within 30 s to " + correlationId);
        assertEquals(correlationId, reply.getProperties().getCorrelationId());
        return new JsonObject(new String(reply.getBody(), StandardCharsets.UTF_8));
    }
}
