package io.hpcgateway.broker.amqp;

import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Senders by address on one connection. RabbitMQ supports neither anonymous senders nor dynamic
 * links, so every reply-to address gets its own sender; the least recently used are closed
 * beyond {@link #MAX_OPEN} (MarketPlace clients use a fresh reply queue per connection).
 */
public final class ReplySenders {

    static final int MAX_OPEN = 64;

    private final AmqpConnection connection;
    private final Map<String, Future<AmqpSender>> open = new LinkedHashMap<>(16, 0.75f, true);

    public ReplySenders(AmqpConnection connection) {
        this.connection = connection;
    }

    /**
     * Sends one answer message (JSON, as a data section) to {@code replyTo} with the request's
     * correlation id; completes when the broker accepted it.
     */
    public Future<Void> reply(String replyTo, String correlationId, Buffer message) {
        String address = QueueNames.replyAddress(replyTo);
        AmqpMessage reply = AmqpMessage.create().address(address).correlationId(correlationId)
                .contentType("application/json").withBufferAsBody(message).build();
        return sender(address).compose(sender -> sender.sendWithAck(reply))
                .onFailure(e -> open.remove(address));
    }

    private Future<AmqpSender> sender(String address) {
        Future<AmqpSender> sender = open.get(address);
        if (sender == null) {
            sender = connection.createSender(address);
            open.put(address, sender);
            if (open.size() > MAX_OPEN) {
                Map.Entry<String, Future<AmqpSender>> eldest = open.entrySet().iterator().next();
                open.remove(eldest.getKey());
                eldest.getValue().onSuccess(AmqpSender::close);
            }
        }
        return sender;
    }
}
