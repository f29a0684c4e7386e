package io.hpcgateway.gateway.platform;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * With no {@code gateway.mongodb.url}, runs a MongoDB wire-protocol server (mongo-java-server on
 * an H2 MVStore file, committed after every write) on 127.0.0.1 before anything else starts, so
 * the real MongoDB driver and Panache work unchanged and data survives restarts and crashes.
 * Connections must authenticate with the service's generated password ({@link EmbeddedCredentials});
 * the data directory is the service account's alone. With a URL it does nothing.
 */
@ApplicationScoped
public class EmbeddedMongo {

    private static final Logger LOG = Logger.getLogger(EmbeddedMongo.class);
    private MongoWireServer server;

    void start(@Observes @Priority(1) StartupEvent event, GatewayConfig config, EmbeddedCredentials credentials) {
        if (config.mongodb().url().isPresent()) {
            return;
        }
        Path dir = EmbeddedCredentials.privateDirectory(config.mongodb().embeddedDataDir());
        server = MongoWireServer.start(dir.resolve("gateway.mv"), EmbeddedCredentials.USER, credentials.password(),
                "127.0.0.1", config.mongodb().embeddedPort());
        LOG.infof("Embedded MongoDB-wire server on 127.0.0.1:%d (password authentication), data in %s",
                config.mongodb().embeddedPort(), dir);
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close();
        }
    }
}
