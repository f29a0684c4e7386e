package io.hpcgateway.broker.platform;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of the RPC broker, under {@code broker}; each can be given as an environment
 * variable ({@code broker.amqp.host} -> {@code BROKER_AMQP_HOST}). The module README lists them.
 */
@ConfigMapping(prefix = "broker")
public interface BrokerConfig {

    /** {@code relay}: inside the firewall, consumes requests and calls the gateway; {@code edge}: the public HTTP side. */
    @WithDefault("relay")
    Mode mode();

    Amqp amqp();

    Queue queue();

    Relay relay();

    Edge edge();

    /** Bodies larger than this travel as several ordered messages. */
    @WithDefault("1M")
    MemorySize chunkSize();

    /**
     * The largest single message the relay sends a requester that did not ask for parts
     * ({@code "accept_chunks": true}): a bigger answer is a 413. At most the broker's own limit
     * (RabbitMQ's {@code max_message_size}, 128 MiB by default); the relay holds one in memory.
     */
    @WithDefault("16M")
    MemorySize maxMessageSize();

    enum Mode { RELAY, EDGE }

    interface Amqp {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("5672")
        int port();

        Optional<String> username();

        /** From the environment (BROKER_AMQP_PASSWORD); never logged. */
        Optional<String> password();

        @WithDefault("false")
        boolean tls();

        /**
         * Prefix of queue addresses: empty for ActiveMQ Artemis, {@code /queue/} for RabbitMQ's
         * AMQP 1.0 plugin (which then delivers to the queue a MarketPlace client declared).
         */
        Optional<String> queuePrefix();

        /** First and longest wait before reconnecting after the broker went away. */
        @WithDefault("500ms")
        Duration reconnectMinDelay();

        @WithDefault("30s")
        Duration reconnectMaxDelay();
    }

    interface Queue {
        /** The request queue's name; when absent, derived from the MarketPlace application id and secret. */
        Optional<String> name();

        Optional<String> applicationId();

        /** From the environment (BROKER_QUEUE_APPLICATION_SECRET); never logged. */
        Optional<String> applicationSecret();
    }

    interface Relay {
        /** The gateway every request is replayed against; endpoints must stay under it. */
        @WithDefault("http://127.0.0.1:8080")
        URI gatewayUrl();

        /**
         * PEM files of the certificates (or CAs) an {@code https} gateway URL is verified against,
         * comma-separated; when absent, the JDK's own trusted CAs. The host name is always checked.
         */
        Optional<List<Path>> trustCertificates();

        /** Requests replayed at once; further messages wait in the broker. */
        @WithDefault("8")
        int maxInFlight();

        /** Longest a replayed request may take; then the answer is 504. */
        @WithDefault("120s")
        Duration requestTimeout();

        /** A message delivered this many times without an answer is rejected (dead-lettered), not retried again. */
        @WithDefault("5")
        int maxDeliveries();
    }

    interface Edge {
        /** The queue answers come back on; a fresh name per edge instance when absent. */
        Optional<String> replyQueue();

        /** Longest the edge waits for an answer before answering 504. */
        @WithDefault("120s")
        Duration timeout();
    }
}
