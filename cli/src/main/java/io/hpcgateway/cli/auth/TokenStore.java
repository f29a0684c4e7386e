package io.hpcgateway.cli.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.http.Gateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The cached sessions, one per gateway address, in {@code credentials.json} beside the
 * configuration: the directory 0700 and the file 0600, written whole to a private temporary
 * file and moved into place, so no other account ever reads a token, not even half a file.
 */
public final class TokenStore {

    private final Path directory;
    private final Path file;

    public TokenStore(Path directory) {
        this.directory = directory;
        this.file = directory.resolve("credentials.json");
    }

    public Path file() {
        return file;
    }

    public ObjectNode load() {
        if (!Files.isRegularFile(file)) {
            return Gateway.JSON.createObjectNode();
        }
        try {
            return (ObjectNode) Gateway.JSON.readTree(file.toFile());
        } catch (IOException | ClassCastException e) {
            throw new CliException(ExitCodes.AUTH, "The token cache " + file + " is unreadable; remove it and log in again");
        }
    }

    public void save(ObjectNode sessions) {
        try {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            Path temporary = Files.createTempFile(directory, "credentials", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, Gateway.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sessions));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CliException(ExitCodes.AUTH, "Cannot write the token cache " + file + ": " + e.getMessage());
        }
    }
}
