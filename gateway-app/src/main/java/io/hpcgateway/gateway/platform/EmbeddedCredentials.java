package io.hpcgateway.gateway.platform;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import io.quarkus.mongodb.runtime.MongoClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded database's one user and its password: generated on first start into the data
 * directory, which belongs to the service account alone (0700, the file 0600), and given to both
 * the embedded server ({@link EmbeddedMongo}) and the MongoDB client. With a real MongoDB
 * ({@code gateway.mongodb.url}) the URL carries the credentials and this adds nothing.
 */
@ApplicationScoped
public class EmbeddedCredentials implements MongoClientCustomizer {

    static final String USER = "hpc-gateway";
    static final String SOURCE = "admin";

    private final boolean embedded;
    private final Path dir;
    private String password;

    EmbeddedCredentials(GatewayConfig config) {
        this.embedded = config.mongodb().url().isEmpty();
        this.dir = config.mongodb().embeddedDataDir();
    }

    @Override
    public MongoClientSettings.Builder customize(MongoClientSettings.Builder builder) {
        return embedded ? builder.credential(MongoCredential.createScramSha256Credential(USER, SOURCE,
                password().toCharArray())) : builder;
    }

    /** The password, created on first use; a second process starting at once reads the first one's. */
    synchronized String password() {
        if (password != null) {
            return password;
        }
        Path file = privateDirectory(dir).resolve("password");
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                try {
                    Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------"))),
                            Base64.getUrlEncoder().withoutPadding().encodeToString(random));
                } catch (FileAlreadyExistsException raced) {
                    // another gateway on this data directory made it first: use theirs
                }
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            password = Files.readString(file).strip();
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the embedded database's password in " + dir, e);
        }
    }

    /** Creates the directory if needed and makes it the service account's alone. */
    static Path privateDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }
}
