package io.hpcgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The services' secrets are the service account's alone: key and database directories 0700,
 * private keys and the database password 0600, and the embedded database answers only a client
 * that authenticates with that password (any local account could connect to its port).
 */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
class SecretsTest {

    @ConfigProperty(name = "gateway.mongodb.embedded-data-dir")
    Path database;

    @ConfigProperty(name = "gateway.mongodb.embedded-port")
    int port;

    @ConfigProperty(name = "gateway.auth.dev-key-directory")
    Path keys;

    @Test
    void keysAndTheDatabaseAreReadableByTheServiceAlone() throws Exception {
        JobFlowTest.as("sam").get("/api/v2/usage/signing-key").then().statusCode(200); // the usage key exists now
        for (Path dir : List.of(keys, database)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), dir.toString());
        }
        for (Path secret : List.of(keys.resolve("dev-signing-key.pem"), keys.resolve("cluster-signing-key.pem"),
                database.resolve("password"))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)), secret.toString());
        }
        try (var files = Files.list(keys)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().endsWith(".pub")
                    && !f.getFileName().toString().endsWith(".pub.pem")).toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            }
        }
    }

    @Test
    void theEmbeddedDatabaseAnswersOnlyItsOwnClient() throws Exception {
        try (MongoClient anonymous = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCommandException refused = assertThrows(MongoCommandException.class, () ->
                    anonymous.getDatabase("hpc_gateway").getCollection("jobs").find().first());
            assertEquals(13, refused.getErrorCode(), "Unauthorized");
            assertThrows(MongoCommandException.class, () -> anonymous.getDatabase("hpc_gateway")
                    .getCollection("usage_records").insertOne(new Document("forged", true)));
        }
        try (MongoClient guessing = MongoClients.create("mongodb://hpc-gateway:guess@127.0.0.1:" + port
                + "/?authSource=admin&authMechanism=SCRAM-SHA-256")) {
            assertThrows(MongoSecurityException.class, () ->
                    guessing.getDatabase("hpc_gateway").getCollection("jobs").find().first());
        }
        String password = Files.readString(database.resolve("password")).strip();
        try (MongoClient service = MongoClients.create("mongodb://hpc-gateway:" + password + "@127.0.0.1:" + port
                + "/?authSource=admin&authMechanism=SCRAM-SHA-256")) {
            service.getDatabase("hpc_gateway").getCollection("jobs").countDocuments();
        }
    }
}
