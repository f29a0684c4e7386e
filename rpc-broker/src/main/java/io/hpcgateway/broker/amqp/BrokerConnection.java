package io.hpcgateway.broker.amqp;

import io.hpcgateway.broker.platform.BrokerConfig;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The one connection to the AMQP broker, connecting out only. When the broker goes away it
 * reconnects with exponential back-off (between the configured minimum and maximum delays) and
 * hands every new connection to the mode that uses it, which re-creates its links.
 */
@ApplicationScoped
public class BrokerConnection {

    private static final Logger LOG = Logger.getLogger(BrokerConnection.class);

    private final Vertx vertx;
    private final BrokerConfig.Amqp config;
    private AmqpClient client;
    private Consumer<AmqpConnection> onConnected;
    private volatile AmqpConnection current;
    private volatile boolean stopped;
    private long delayMillis;

    BrokerConnection(Vertx vertx, BrokerConfig config) {
        this.vertx = vertx;
        this.config = config.amqp();
    }

    /** Connects, and connects again whenever the connection is lost, until {@link #stop()}. */
    public void start(Consumer<AmqpConnection> onConnected) {
        this.onConnected = onConnected;
        AmqpClientOptions options = new AmqpClientOptions().setHost(config.host()).setPort(config.port())
                .setSsl(config.tls()).setConnectTimeout(5_000);
        config.username().ifPresent(options::setUsername);
        config.password().ifPresent(options::setPassword);
        client = AmqpClient.create(vertx, options);
        delayMillis = config.reconnectMinDelay().toMillis();
        connect();
    }

    public boolean isUp() {
        AmqpConnection connection = current;
        return connection != null && !connection.isDisconnected();
    }

    public Future<Void> stop() {
        stopped = true;
        return client == null ? Future.succeededFuture() : client.close();
    }

    private void connect() {
        if (stopped) {
            return;
        }
        client.connect().onSuccess(connection -> {
            LOG.infof("event=amqp_connected host=%s port=%d", config.host(), config.port());
            delayMillis = config.reconnectMinDelay().toMillis();
            current = connection;
            connection.exceptionHandler(e -> lost(connection, e.toString()));
            connection.closeFuture().onComplete(done -> lost(connection, "closed"));
            onConnected.accept(connection);
        }).onFailure(e -> retry(e.toString()));
    }

    private void lost(AmqpConnection connection, String why) {
        if (current != connection) {
            return; // already handled for this connection
        }
        current = null;
        connection.close();
        if (!stopped) {
            LOG.warnf("event=amqp_lost reason=\"%s\"", why);
            retry(why);
        }
    }

    private void retry(String why) {
        if (stopped) {
            return;
        }
        long delay = delayMillis;
        delayMillis = Math.min(delayMillis * 2, config.reconnectMaxDelay().toMillis());
        LOG.infof("event=amqp_reconnect_scheduled delay_ms=%d reason=\"%s\"", delay, why);
        vertx.setTimer(delay, id -> connect());
    }
}
