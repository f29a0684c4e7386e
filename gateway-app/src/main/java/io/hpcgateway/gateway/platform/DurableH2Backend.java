package io.hpcgateway.gateway.platform;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * The embedded database's backend, committing its file after every write before it answers, so a
 * write the gateway saw acknowledged survives a SIGKILL (the MVStore would otherwise keep it in
 * memory until its next periodic commit). A launch claim, in particular, is never lost.
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
            "dropindexes", "drop", "dropdatabase", "create", "renamecollection");

    DurableH2Backend(MVStore store) {
        super(store);
    }

    /** Databases whose collections look documents up by {@code _id} first ({@link IdLookupH2Database}). */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return IdLookupH2Database.open(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document answer = super.handleMessage(message);
        commitIfWrite(message.getDocument());
        return answer;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Document answer = super.handleCommand(channel, database, command, query);
        if (WRITES.contains(command.toLowerCase())) {
            commit();
        }
        return answer;
    }

    private void commitIfWrite(Document command) {
        if (!command.keySet().isEmpty() && WRITES.contains(command.keySet().iterator().next().toLowerCase())) {
            commit();
        }
    }
}
