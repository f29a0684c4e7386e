package io.hpcgateway.gateway.platform;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts password authentication (SCRAM-SHA-256, as a real MongoDB does) in front of the embedded
 * MongoDB-wire server, which has none: it listens on 127.0.0.1, where every local account could
 * otherwise connect and rewrite jobs, usage and charges. A connection may only say hello and
 * authenticate until it has; every other command is refused with MongoDB's Unauthorized (13).
 */
final class AuthenticatingBackend implements MongoBackend {

    private static final int UNAUTHORIZED = 13;
    private static final int AUTHENTICATION_FAILED = 18;
    /** What the driver sends before authenticating: the handshake and SCRAM itself. */
    private static final Set<String> BEFORE_AUTHENTICATION = Set.of("hello", "ismaster", "ping", "buildinfo",
            "saslstart", "saslcontinue");

    private final MongoBackend backend;
    private final ScramSha256 scram;
    private final Set<Channel> authenticated = ConcurrentHashMap.newKeySet();
    private final Map<Channel, ScramSha256.Conversation> conversations = new ConcurrentHashMap<>();

    AuthenticatingBackend(MongoBackend backend, ScramSha256 scram) {
        this.backend = backend;
        this.scram = scram;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("saslstart")) {
            return saslStart(channel, query);
        }
        if (name.equals("saslcontinue")) {
            return saslContinue(channel, query);
        }
        if (!BEFORE_AUTHENTICATION.contains(name)) {
            requireAuthenticated(channel);
        }
        return backend.handleCommand(channel, database, command, query);
    }

    /** As the delegate would, but through {@link #handleCommand}, so OP_MSG commands are checked too. */
    @Override
    public Document handleMessage(MongoMessage message) {
        Document document = message.getDocument();
        return handleCommand(message.getChannel(), message.getDatabaseName(), document.keySet().iterator().next(),
                document);
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        requireAuthenticated(query.getChannel());
        return backend.handleQuery(query);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        requireAuthenticated(query.getChannel());
        return backend.getCurrentOperations(query);
    }

    @Override
    public void handleClose(Channel channel) {
        authenticated.remove(channel);
        conversations.remove(channel);
        backend.handleClose(channel);
    }

    private Document saslStart(Channel channel, Document query) {
        if (!"SCRAM-SHA-256".equals(query.get("mechanism"))) {
            throw new MongoServerError(AUTHENTICATION_FAILED, "AuthenticationFailed",
                    "Only SCRAM-SHA-256 is offered here");
        }
        ScramSha256.Conversation conversation = scram.conversation();
        byte[] reply;
        try {
            reply = conversation.start(payload(query));
        } catch (IllegalArgumentException e) {
            throw failed();
        }
        conversations.put(channel, conversation);
        return step(reply, false);
    }

    private Document saslContinue(Channel channel, Document query) {
        ScramSha256.Conversation conversation = conversations.remove(channel);
        if (conversation == null) {
            throw failed();
        }
        try {
            byte[] reply = conversation.finish(payload(query));
            authenticated.add(channel);
            return step(reply, true);
        } catch (IllegalArgumentException e) {
            throw failed();
        }
    }

    private void requireAuthenticated(Channel channel) {
        if (!authenticated.contains(channel)) {
            throw new MongoServerError(UNAUTHORIZED, "Unauthorized", "This server requires authentication");
        }
    }

    private static byte[] payload(Document query) {
        if (query.get("payload") instanceof BinData data) {
            return data.getData();
        }
        throw failed();
    }

    private static Document step(byte[] payload, boolean done) {
        Document reply = new Document();
        reply.put("conversationId", 1);
        reply.put("done", done);
        reply.put("payload", new BinData(payload));
        reply.put("ok", 1.0);
        return reply;
    }

    private static MongoServerError failed() {
        return new MongoServerError(AUTHENTICATION_FAILED, "AuthenticationFailed", "Authentication failed.");
    }

    // Everything else is the delegate's: none of it reads or writes data on a connection's behalf.

    @Override
    public void dropDatabase(String database) {
        backend.dropDatabase(database);
    }

    @Override
    public Document getServerStatus() {
        return backend.getServerStatus();
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        backend.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return backend.getClock();
    }

    @Override
    public void enableOplog() {
        backend.enableOplog();
    }

    @Override
    public void disableOplog() {
        backend.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return backend.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        backend.version(version);
        return this;
    }
}
