package io.hpcgateway.gateway.platform;

import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * A MongoDB wire-protocol server (mongo-java-server) on an H2 MVStore file, committed after every
 * write, behind SCRAM-SHA-256 password authentication: what the gateway embeds
 * ({@link EmbeddedMongo}) and what stands in for MongoDB as a process of its own
 * ({@link StandaloneMongo}).
 */
final class MongoWireServer implements AutoCloseable {

    private final MongoServer server;
    private final DurableH2Backend backend;

    private MongoWireServer(MongoServer server, DurableH2Backend backend) {
        this.server = server;
        this.backend = backend;
    }

    /** Opens (or creates) {@code storeFile} and listens on {@code host:port} for {@code user}'s connections. */
    static MongoWireServer start(Path storeFile, String user, String password, String host, int port) {
        MVStore store = new MVStore.Builder().fileName(storeFile.toString()).open();
        DurableH2Backend backend = new DurableH2Backend(store);
        MongoServer server = new MongoServer(new AuthenticatingBackend(backend, new ScramSha256(user, password)));
        server.bind(host, port);
        return new MongoWireServer(server, backend);
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
