package io.hpcgateway.gateway.platform;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
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
    private MongoServer server;
    private H2Backend backend;

    void start(@Observes @Priority(1) StartupEvent event, GatewayConfig config, EmbeddedCredentials credentials) {
        if (config.mongodb().url().isPresent()) {
            return;
        }
        Path dir = EmbeddedCredentials.privateDirectory(config.mongodb().embeddedDataDir());
        MVStore store = new MVStore.Builder().fileName(dir.resolve("gateway.mv").toString()).open();
        backend = new DurableH2Backend(store);
        server = new MongoServer(new AuthenticatingBackend(backend,
                new ScramSha256(EmbeddedCredentials.USER, credentials.password())));
        server.bind("127.0.0.1", config.mongodb().embeddedPort());
        LOG.infof("Embedded MongoDB-wire server on 127.0.0.1:%d (password authentication), data in %s",
                config.mongodb().embeddedPort(), dir);
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.shutdownNow();
            backend.close();
        }
    }
}
