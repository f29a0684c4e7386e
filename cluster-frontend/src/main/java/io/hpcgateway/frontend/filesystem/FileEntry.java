package io.hpcgateway.frontend.filesystem;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of {@code ls -l}, as FirecREST v2 returns it: type "-", "d" or "l"; size as text. */
@Schema(name = "File")
public record FileEntry(String name, String type, String linkTarget, String user, String group,
                        String permissions, String lastModified, String size) {

    /** The generated schema of {@code {"output": <File>}}, for routes whose answer the scanner cannot see. */
    public static final String OUTPUT_SCHEMA = "#/components/schemas/OutputFileEntry";

    /** File type bits of st_mode. */
    private static final int TYPE_MASK = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int LINK = 0120000;

    /** {@code ls -l}'s type letter for find's {@code %y}: d, l, or "-" for everything else. */
    static String typeOfFind(String y) {
        return switch (y) {
            case "d" -> "d";
            case "l" -> "l";
            default -> "-";
        };
    }

    /** The type letter of a raw st_mode. */
    static String typeOfMode(int mode) {
        return switch (mode & TYPE_MASK) {
            case DIRECTORY -> "d";
            case LINK -> "l";
            default -> "-";
        };
    }

    /** {@code rwxr-x---} from the permission bits of a mode (special bits left out, as before). */
    static String permissions(int mode) {
        StringBuilder text = new StringBuilder(9);
        String letters = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--) {
            text.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return text.toString();
    }

    /** Local time to the second, as the listing has always shown it. */
    static String modified(long epochSeconds) {
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(epochSeconds), ZoneId.systemDefault())
                .truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
