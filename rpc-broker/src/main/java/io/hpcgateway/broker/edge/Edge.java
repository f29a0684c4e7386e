package io.hpcgateway.broker.edge;

import io.hpcgateway.broker.amqp.BrokerConnection;
import io.hpcgateway.broker.amqp.QueueNames;
import io.hpcgateway.broker.platform.BrokerConfig;
import io.hpcgateway.broker.platform.BrokerMetrics;
import io.hpcgateway.broker.protocol.MessageSizes;
import io.hpcgateway.broker.protocol.ChunkedSender;
import io.hpcgateway.broker.protocol.Headers;
import io.hpcgateway.broker.protocol.MalformedMessageException;
import io.hpcgateway.broker.protocol.Wire;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.runtime.StartupEvent;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Edge mode: the public HTTP side. Every request (except {@code /q/*}, the edge's own health and
 * metrics) becomes a message on the application's queue, with the edge's reply queue and a fresh
 * correlation id; the answer's messages are written to the HTTP response as they arrive. Request
 * bodies are read at the pace the broker accepts their parts.
 */
@ApplicationScoped
public class Edge {

    private static final Logger LOG = Logger.getLogger(Edge.class);
    private static final String MODE = "edge";

    private final BrokerConfig config;
    private final BrokerConnection broker;
    private final BrokerMetrics metrics;
    private final Vertx vertx;
    private final Map<String, PendingAnswer> pending = new HashMap<>();
    private String requestAddress;
    private String replyAddress;
    private volatile Context context;
    private volatile AmqpSender sender;

    Edge(BrokerConfig config, BrokerConnection broker, BrokerMetrics metrics, Vertx vertx) {
        this.config = config;
        this.broker = broker;
        this.metrics = metrics;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (config.mode() != BrokerConfig.Mode.EDGE) {
            return;
        }
        MessageSizes.requirePartsFit(config.chunkSize().asLongValue(), config.maxMessageSize().asLongValue());
        requestAddress = QueueNames.address(config.amqp(), QueueNames.requestQueue(config.queue()));
        replyAddress = QueueNames.address(config.amqp(),
                config.edge().replyQueue().orElse("hpcgw-edge-replies-" + UUID.randomUUID()));
        LOG.infof("event=edge_starting queue=%s replies=%s", requestAddress, replyAddress);
        broker.start(this::attach);
    }

    void routes(@Observes Router router) {
        if (config.mode() == BrokerConfig.Mode.EDGE) {
            router.routeWithRegex("^/(?!q/).*").handler(this::forward);
        }
    }

    private void attach(AmqpConnection connection) {
        sender = null;
        connection.createReceiver(replyAddress, new AmqpReceiverOptions().setAutoAcknowledgement(true))
                .compose(receiver -> {
                    context = Vertx.currentContext();
                    receiver.handler(this::onAnswer);
                    return connection.createSender(requestAddress);
                })
                .onSuccess(created -> {
                    sender = created;
                    LOG.infof("event=edge_ready queue=%s", requestAddress);
                })
                .onFailure(e -> {
                    LOG.errorf("event=edge_links_failed reason=\"%s\"", e.getMessage());
                    connection.close();
                });
    }

    private void forward(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        AmqpSender out = sender;
        Context answers = context;
        if (out == null || answers == null) {
            routing.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                    .putHeader("Retry-After", "5")
                    .end(Wire.errorBody("broker_unavailable", "The message broker is not connected; retry shortly"));
            return;
        }
        request.pause();
        String correlationId = UUID.randomUUID().toString();
        PendingAnswer answer = new PendingAnswer(routing.response());
        answers.runOnContext(v -> register(correlationId, answer));
        routing.response().closeHandler(closed -> answers.runOnContext(v -> pending.remove(correlationId)));

        String contentType = request.getHeader("Content-Type");
        Wire.RequestHead template = new Wire.RequestHead(request.path().substring(1), request.method().name(),
                query(request.query()), Headers.endToEnd(request.headers()), null, false, true);
        ChunkedSender body = new ChunkedSender(config.chunkSize().asLongValue(),
                (piece, more) -> Wire.request(new Wire.RequestHead(template.endpoint(), template.method(),
                        template.query(), template.headers(), piece, more, true), contentType),
                contentType, message -> out.sendWithAck(AmqpMessage.create().address(requestAddress)
                        .correlationId(correlationId).replyTo(replyAddress).groupId(correlationId)
                        .contentType("application/json").withBufferAsBody(message).build()));
        request.handler(data -> {
            body.append(data);
            if (body.full()) {
                request.pause();
                body.flush(true).onSuccess(sent -> request.resume())
                        .onFailure(e -> answers.runOnContext(v -> failed(correlationId, e.getMessage())));
            }
        });
        request.endHandler(end -> body.flush(false)
                .onFailure(e -> answers.runOnContext(v -> failed(correlationId, e.getMessage()))));
        request.resume();
    }

    private void register(String correlationId, PendingAnswer answer) {
        pending.put(correlationId, answer);
        answer.timer = vertx.setTimer(config.edge().timeout().toMillis(), id -> {
            if (pending.remove(correlationId) != null) {
                answer.fail(504, "relay_timeout", "No answer from the relay within " + config.edge().timeout());
                metrics.request(MODE, "timeout", answer.startNanos);
            }
        });
    }

    private void failed(String correlationId, String why) {
        PendingAnswer answer = pending.remove(correlationId);
        if (answer != null) {
            vertx.cancelTimer(answer.timer);
            answer.fail(503, "broker_unavailable", "The request could not be queued: " + why);
            metrics.request(MODE, "failed", answer.startNanos);
        }
    }

    private void onAnswer(AmqpMessage message) {
        PendingAnswer answer = pending.get(message.correlationId());
        if (answer == null) {
            return; // the client left, timed out, or this is a repeated answer
        }
        boolean complete;
        try {
            var json = Wire.parse(message.bodyAsBinary());
            complete = Wire.isPart(json) ? answer.part(Wire.part(json)) : answer.head(Wire.responseHead(json));
        } catch (MalformedMessageException | ClassCastException e) {
            LOG.warnf("event=edge_bad_answer correlation_id=%s reason=\"%s\"", message.correlationId(), e.getMessage());
            answer.fail(502, "bad_answer", "The relay's answer was malformed");
            complete = true;
        }
        if (complete) {
            pending.remove(message.correlationId());
            vertx.cancelTimer(answer.timer);
            metrics.request(MODE, "answered", answer.startNanos);
        }
    }

    private static Map<String, List<String>> query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        return new LinkedHashMap<>(new QueryStringDecoder(raw, false).parameters());
    }
}
