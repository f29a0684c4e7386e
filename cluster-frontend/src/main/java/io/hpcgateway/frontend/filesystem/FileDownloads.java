package io.hpcgateway.frontend.filesystem;

import io.hpcgateway.frontend.identity.CommandRunner;
import io.hpcgateway.frontend.identity.RunAs;
import io.hpcgateway.frontend.identity.RunningCommand;
import io.hpcgateway.frontend.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Answers a download with the output of a command the user runs ({@code cat}, or {@code dd} for a
 * range), copied to the client as it comes: the JVM holds one buffer, never the file.
 */
@ApplicationScoped
public class FileDownloads {

    private static final Logger LOG = Logger.getLogger(FileDownloads.class);
    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final int BUFFER = 256 * 1024;

    private final CommandRunner runner;

    FileDownloads(CommandRunner runner) {
        this.runner = runner;
    }

    public Response respond(String user, FileOperations.Downloadable download, String rangeHeader) {
        long size = download.size();
        long first = 0;
        long last = size - 1;
        Response.ResponseBuilder response;
        if (rangeHeader == null || rangeHeader.isBlank()) {
            response = Response.ok();
        } else {
            long[] range = parseRange(rangeHeader, size);
            first = range[0];
            last = range[1];
            response = Response.status(206).header("Content-Range", "bytes " + first + "-" + last + "/" + size);
        }
        long length = last - first + 1;
        List<String> argv = FileOperations.readCommand(download.file(), first, length, size);
        StreamingOutput body = out -> {
            RunningCommand command = runner.start(RunAs.user(user), argv, Map.of());
            try (InputStream in = command.stdout()) {
                command.stdin().close();
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                }
                out.flush();
                OptionalInt exit = command.waitFor(Duration.ofSeconds(30));
                if (exit.isEmpty() || exit.getAsInt() != 0) {
                    LOG.warnf("download of %s for %s ended with %s", download.file(), user, exit);
                }
            } catch (IOException e) {
                command.destroy(); // the client went away: stop reading the file
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                command.destroy();
            }
        };
        return response.entity(body).type(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + safeName(download.file()) + "\"")
                .build();
    }

    private static final int MAX_POSITION_DIGITS = 18;

    /** {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}; returns inclusive [first, last]. */
    static long[] parseRange(String header, long size) {
        Matcher m = SINGLE_RANGE.matcher(header.strip());
        // More than 18 digits is beyond every file (and soon beyond a long).
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty()) || m.group(1).length() > MAX_POSITION_DIGITS
                || m.group(2).length() > MAX_POSITION_DIGITS) {
            throw unsatisfiable(header, size);
        }
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            first = Math.max(0, size - suffix);
            last = size - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
        }
        if (first > last || first >= size) {
            throw unsatisfiable(header, size);
        }
        return new long[] {first, last};
    }

    private static ApiException unsatisfiable(String header, long size) {
        String shown = header.length() > 80 ? header.substring(0, 80) + "..." : header;
        return new ApiException(416, "validation", "range_not_satisfiable", "Range '" + shown
                + "' does not fit a file of " + size + " bytes; send one range such as bytes=0-1023", List.of());
    }

    private static String safeName(UserPaths.Confined file) {
        return file.path().getFileName().toString().replaceAll("[\"\\\\\\p{Cntrl}]", "_");
    }
}
