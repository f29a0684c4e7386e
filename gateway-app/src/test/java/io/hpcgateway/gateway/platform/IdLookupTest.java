package io.hpcgateway.gateway.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.hpcgateway.gateway.support.FrontendProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

/**
 * The embedded server's look-up by {@code _id} first, through the real driver: the same answers as
 * a scan (the other conditions still decide), and a data file the stock H2 backend wrote opens as
 * it was.
 */
class IdLookupTest {

    @Test
    void conditionsBesideTheIdStillDecide() throws Exception {
        Path file = Files.createTempDirectory("idlookup").resolve("db.mv");
        int port = FrontendProcess.freePort();
        try (MongoWireServer server = MongoWireServer.start(file, "u", "p", "127.0.0.1", port);
             MongoClient client = client(port)) {
            MongoCollection<Document> tasks = client.getDatabase("t").getCollection("tasks");
            for (int i = 0; i < 5; i++) {
                tasks.insertOne(new Document("_id", "b." + i).append("state", i < 3 ? "queued" : "leased"));
            }
            assertEquals(1, tasks.updateOne(Filters.and(Filters.eq("_id", "b.0"), Filters.eq("state", "queued")),
                    Updates.set("state", "leased")).getModifiedCount());
            assertEquals(0, tasks.updateOne(Filters.and(Filters.eq("_id", "b.0"), Filters.eq("state", "queued")),
                    Updates.set("state", "leased")).getModifiedCount(), "the condition no longer holds");
            assertEquals(1, tasks.updateMany(Filters.and(Filters.in("_id", List.of("b.1", "b.3", "b.9")),
                    Filters.eq("state", "queued")), Updates.set("mark", "m")).getModifiedCount());
            assertEquals(List.of("b.1"), ids(tasks.find(Filters.and(Filters.in("_id", List.of("b.1", "b.2")),
                    Filters.eq("mark", "m")))));
            assertEquals(List.of("b.2"), ids(tasks.find(new Document("_id", "b.2").append("state", "queued"))));
            assertEquals(List.of(), ids(tasks.find(new Document("_id", "b.2").append("state", "leased"))));
            assertEquals(List.of("b.0", "b.3", "b.4"), ids(tasks.find(Filters.eq("state", "leased")).sort(new Document("_id", 1))));
        }
    }

    @Test
    void aFileTheStockBackendWroteOpensUnchanged() throws Exception {
        Path file = Files.createTempDirectory("idlookup").resolve("db.mv");
        int port = FrontendProcess.freePort();
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        MongoServer stock = new MongoServer(new H2Backend(store));
        stock.bind("127.0.0.1", port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            client.getDatabase("t").getCollection("jobs").insertOne(new Document("_id", "j1").append("state", "running"));
        }
        stock.shutdownNow();
        store.close();
        int again = FrontendProcess.freePort();
        try (MongoWireServer server = MongoWireServer.start(file, "u", "p", "127.0.0.1", again);
             MongoClient client = client(again)) {
            assertEquals(List.of("j1"), ids(client.getDatabase("t").getCollection("jobs")
                    .find(Filters.and(Filters.eq("_id", "j1"), Filters.eq("state", "running")))));
        }
    }

    private static MongoClient client(int port) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyToClusterSettings(c -> c.hosts(List.of(new ServerAddress("127.0.0.1", port))))
                .credential(MongoCredential.createScramSha256Credential("u", "admin", "p".toCharArray())).build());
    }

    private static List<String> ids(Iterable<Document> documents) {
        List<String> out = new ArrayList<>();
        documents.forEach(d -> out.add(d.getString("_id")));
        return out;
    }
}
