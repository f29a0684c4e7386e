package io.hpcgateway.broker.relay;

import io.hpcgateway.broker.amqp.BrokerConnection;
import io.hpcgateway.broker.amqp.QueueNames;
import io.hpcgateway.broker.amqp.ReplySenders;
import io.hpcgateway.broker.platform.BrokerConfig;
import io.hpcgateway.broker.platform.BrokerMetrics;
import io.hpcgateway.broker.protocol.MessageSizes;
import io.hpcgateway.broker.protocol.MalformedMessageException;
import io.hpcgateway.broker.protocol.Wire;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.jboss.logging.Logger;

/**
 * Relay mode: consumes the request queue and replays each request against the gateway. At most
 * {@code max-in-flight} requests are replayed at once, and no more messages are fetched than can
 * be started ({@link #pump()}); the parts of a large request are staged to disk as they come and
 * never wait for a slot. All state lives on the receiver's Vert.x context.
 */
@ApplicationScoped
public class Relay {

    private static final Logger LOG = Logger.getLogger(Relay.class);
    private static final String MODE = "relay";

    private final Vertx vertx;
    private final BrokerConfig config;
    private final BrokerConnection broker;
    private final BrokerMetrics metrics;
    private final EndpointPolicy policy;
    private HttpClient http;
    private String address;

    private Context context;
    private AmqpReceiver receiver;
    private ReplySenders replies;
    private long demand;
    private final Deque<Replay> ready = new ArrayDeque<>();
    private final Map<String, Replay> staging = new HashMap<>();
    private final Set<Replay> running = new HashSet<>();
    private volatile boolean draining;
    private Promise<Void> drained;

    Relay(Vertx vertx, BrokerConfig config, BrokerConnection broker, BrokerMetrics metrics) {
        this.vertx = vertx;
        this.config = config;
        this.broker = broker;
        this.metrics = metrics;
        this.policy = new EndpointPolicy(config.relay().gatewayUrl());
    }

    void start(@Observes StartupEvent event) {
        if (config.mode() != BrokerConfig.Mode.RELAY) {
            return;
        }
        MessageSizes.requirePartsFit(config.chunkSize().asLongValue(), config.maxMessageSize().asLongValue());
        address = QueueNames.address(config.amqp(), QueueNames.requestQueue(config.queue()));
        http = vertx.createHttpClient(httpOptions(config.relay()));
        LOG.infof("event=relay_starting queue=%s gateway=%s max_in_flight=%d", address, config.relay().gatewayUrl(),
                config.relay().maxInFlight());
        broker.start(this::attach);
    }

    private static HttpClientOptions httpOptions(BrokerConfig.Relay relay) {
        HttpClientOptions options = new HttpClientOptions().setMaxPoolSize(relay.maxInFlight()).setVerifyHost(true);
        relay.trustCertificates().ifPresent(files -> {
            PemTrustOptions trust = new PemTrustOptions();
            files.forEach(file -> trust.addCertPath(file.toString()));
            options.setTrustOptions(trust);
        });
        return options;
    }

    /** Lets the requests being replayed finish (their messages are then accepted), then disconnects. */
    void stop(@Observes ShutdownEvent event) throws Exception {
        if (config.mode() != BrokerConfig.Mode.RELAY) {
            return;
        }
        if (context == null) { // never connected: nothing in flight
            broker.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            return;
        }
        Promise<Void> idle = Promise.promise();
        context.runOnContext(v -> {
            draining = true;
            drained = idle;
            checkDrained();
        });
        try {
            idle.future().toCompletionStage().toCompletableFuture()
                    .get(config.relay().requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } finally {
            LOG.infof("event=relay_stopped in_flight=%d", running.size());
            broker.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    /** A (new) connection: what was in flight on the old one is abandoned; the broker delivers it again. */
    private void attach(AmqpConnection connection) {
        running.forEach(Replay::abandon);
        staging.values().forEach(Replay::abandon);
        running.clear();
        staging.clear();
        ready.clear();
        demand = 0;
        connection.createReceiver(address, new AmqpReceiverOptions().setAutoAcknowledgement(false)
                        .setMaxBufferedMessages(config.relay().maxInFlight()))
                .onSuccess(created -> {
                    context = Vertx.currentContext();
                    receiver = created;
                    replies = new ReplySenders(connection);
                    created.pause();
                    created.handler(this::onMessage);
                    pump();
                    LOG.infof("event=relay_consuming queue=%s", address);
                })
                .onFailure(e -> {
                    LOG.errorf("event=relay_receiver_failed queue=%s reason=\"%s\"", address, e.getMessage());
                    connection.close(); // the connection's close triggers a reconnect with back-off
                });
    }

    private void onMessage(AmqpMessage message) {
        demand--;
        try {
            JsonObject json = Wire.parse(body(message));
            if (Wire.isPart(json)) {
                onPart(message, Wire.part(json));
            } else {
                onHead(message, json);
            }
        } catch (MalformedMessageException e) {
            refuse(message, e.getMessage());
        } catch (RuntimeException e) {
            // Whatever a message holds, it is answered and settled: never left to be delivered forever.
            LOG.errorf(e, "event=relay_unreadable correlation_id=%s", message.correlationId());
            refuse(message, "The message could not be read as a request; see the documented request shape");
        }
        dispatch();
        pump();
    }

    private void onHead(AmqpMessage message, JsonObject json) {
        if (message.deliveryCount() >= config.relay().maxDeliveries()) {
            LOG.warnf("event=relay_dead_letter correlation_id=%s deliveries=%d", message.correlationId(),
                    message.deliveryCount());
            message.rejected();
            metrics.request(MODE, "dead_lettered", System.nanoTime());
            return;
        }
        Wire.RequestHead head = Wire.requestHead(json);
        Replay replay = new Replay(vertx, replies, message, head, policy.target(head.endpoint(), head.query()),
                config.chunkSize().asLongValue(), config.maxMessageSize().asLongValue());
        if (!head.more()) {
            ready.add(replay);
            return;
        }
        staging.put(replay.correlationId(), replay);
        replay.stageFirst().onFailure(e -> broken(replay, e.getMessage()));
    }

    private void onPart(AmqpMessage message, Wire.Part part) {
        Replay replay = staging.get(message.correlationId());
        if (replay == null) {
            LOG.warnf("event=relay_orphan_part correlation_id=%s chunk=%d", message.correlationId(), part.chunk());
            refuse(message, "Part " + part.chunk() + " came with no request before it under this correlation id: "
                    + "send the request's first message (chunk 0, with endpoint and method) first");
            return;
        }
        replay.stage(message, part).onSuccess(complete -> {
            if (complete && staging.remove(replay.correlationId()) != null) {
                ready.add(replay);
                dispatch();
                pump();
            }
        }).onFailure(e -> broken(replay, e.getMessage()));
    }

    private void broken(Replay replay, String why) {
        if (staging.remove(replay.correlationId()) != null) {
            LOG.warnf("event=relay_broken_request correlation_id=%s reason=\"%s\"", replay.correlationId(), why);
            replay.abandon();
            replay.rejectAll();
            pump();
        }
    }

    private void dispatch() {
        while (running.size() < config.relay().maxInFlight() && !ready.isEmpty()) {
            Replay replay = ready.poll();
            running.add(replay);
            replay.run(http, config.relay().requestTimeout().toMillis()).onComplete(result -> {
                if (!running.remove(replay)) {
                    return; // abandoned with its connection
                }
                Replay.Outcome outcome = result.result();
                if (outcome == Replay.Outcome.ABANDONED) {
                    LOG.warnf("event=relay_answer_lost correlation_id=%s %s", replay.correlationId(), replay.describe());
                } else {
                    replay.acceptAll();
                    metrics.request(MODE, outcome.name().toLowerCase(), replay.startNanos());
                    LOG.infof("event=relayed correlation_id=%s %s outcome=%s ms=%d", replay.correlationId(),
                            replay.describe(), outcome.name().toLowerCase(),
                            (System.nanoTime() - replay.startNanos()) / 1_000_000);
                }
                dispatch();
                pump();
                checkDrained();
            });
        }
    }

    /** Asks the broker for as many messages as can be started now. */
    private void pump() {
        if (receiver == null || draining) {
            return;
        }
        long wanted = config.relay().maxInFlight() - running.size() - ready.size() - demand;
        if (wanted > 0) {
            demand += wanted;
            receiver.fetch(wanted);
        }
    }

    private void checkDrained() {
        if (draining && drained != null && running.isEmpty() && ready.isEmpty()) {
            drained.tryComplete();
        }
    }

    /** A message that is not a request we may replay: answered 400 when it can be, never retried. */
    private void refuse(AmqpMessage message, String why) {
        LOG.warnf("event=relay_refused correlation_id=%s reason=\"%s\"", message.correlationId(), why);
        metrics.request(MODE, "refused", System.nanoTime());
        if (message.replyTo() == null || replies == null) {
            message.rejected();
            return;
        }
        replies.reply(message.replyTo(), message.correlationId(), Wire.errorResponse(400, "invalid_request", why))
                .onSuccess(sent -> message.accepted())
                .onFailure(e -> message.rejected());
    }

    /** A MarketPlace client sends a data section; other AMQP 1.0 clients may send a string value. */
    private static Buffer body(AmqpMessage message) {
        Object section = message.unwrap().getBody();
        if (section instanceof Data data) {
            Binary binary = data.getValue();
            return Buffer.buffer(binary.getArray()).slice(binary.getArrayOffset(), binary.getArrayOffset()
                    + binary.getLength());
        }
        if (section instanceof AmqpValue value && value.getValue() instanceof String text) {
            return Buffer.buffer(text);
        }
        throw new MalformedMessageException("The message body must be JSON text (a data section or a string)");
    }
}
