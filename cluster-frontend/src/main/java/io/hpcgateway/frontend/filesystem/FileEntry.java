package io.hpcgateway.frontend.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of {@code ls -l}, as FirecREST v2 returns it: type "-", "d" or "l"; size as text. */
@Schema(name = "File")
public record FileEntry(String name, String type, String linkTarget, String user, String group,
                        String permissions, String lastModified, String size) {

    /**
     * Describes {@code path} under {@code name}. Links are described as links unless
     * {@code dereference} is set and the caller verified that the target is allowed.
     */
    static FileEntry of(Path path, String name, boolean numericIds, boolean dereference) {
        try {
            LinkOption[] options = dereference ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, options);
            String type = attributes.isSymbolicLink() ? "l" : attributes.isDirectory() ? "d" : "-";
            String target = attributes.isSymbolicLink() ? Files.readSymbolicLink(path).toString() : null;
            String user = attributes.owner().getName();
            String group = attributes.group().getName();
            if (numericIds) {
                Map<String, Object> ids = Files.readAttributes(path, "unix:uid,gid", options);
                user = ids.get("uid").toString();
                group = ids.get("gid").toString();
            }
            String modified = LocalDateTime.ofInstant(attributes.lastModifiedTime().toInstant(), ZoneId.systemDefault())
                    .truncatedTo(ChronoUnit.SECONDS).toString();
            return new FileEntry(name, type, target, user, group, PosixFilePermissions.toString(attributes.permissions()),
                    modified, Long.toString(attributes.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
