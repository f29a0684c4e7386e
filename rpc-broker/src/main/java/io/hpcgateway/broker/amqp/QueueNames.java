package io.hpcgateway.broker.amqp;

import io.hpcgateway.broker.platform.BrokerConfig;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Queue names and addresses, by the MarketPlace's rule where the queue is not named explicitly. */
public final class QueueNames {

    private static final BigInteger TEN_TO_THE_16 = BigInteger.TEN.pow(16);

    private QueueNames() {}

    /** {@code <application_id>:<int(sha256_hex(application_id + secret), 16) mod 10^16>}, as the MarketPlace names it. */
    public static String marketplace(String applicationId, String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((applicationId + secret).getBytes(StandardCharsets.UTF_8));
            return applicationId + ":" + new BigInteger(1, digest).mod(TEN_TO_THE_16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request queue's name from the configuration, or a message saying what is missing. */
    public static String requestQueue(BrokerConfig.Queue queue) {
        if (queue.name().isPresent()) {
            return queue.name().get();
        }
        if (queue.applicationId().isPresent() && queue.applicationSecret().isPresent()) {
            return marketplace(queue.applicationId().get(), queue.applicationSecret().get());
        }
        throw new IllegalStateException("Set broker.queue.name, or broker.queue.application-id and "
                + "BROKER_QUEUE_APPLICATION_SECRET (the MarketPlace derives the queue name from them)");
    }

    /** The AMQP address of a queue: its name behind the broker's queue prefix. */
    public static String address(BrokerConfig.Amqp amqp, String queue) {
        return amqp.queuePrefix().orElse("") + queue;
    }

    /**
     * The address to send an answer to. RabbitMQ reports a reply-to queue as {@code /queue/NAME},
     * but a sender there would declare the queue again (and hang on another connection's exclusive
     * queue); {@code /amq/queue/NAME} addresses the existing queue.
     */
    public static String replyAddress(String replyTo) {
        return replyTo.startsWith("/queue/") ? "/amq/queue/" + replyTo.substring("/queue/".length()) : replyTo;
    }
}
