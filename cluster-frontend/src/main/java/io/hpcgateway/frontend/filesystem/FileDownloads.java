package io.hpcgateway.frontend.filesystem;

import io.hpcgateway.frontend.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.PathPart;

/**
 * Answers a download with the file itself as the entity, which the HTTP layer sends from disk in
 * chunks (sendfile where it can): the JVM never holds the content.
 */
@ApplicationScoped
public class FileDownloads {

    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    public Response respond(Path file, String rangeHeader) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Response.ResponseBuilder response;
        if (rangeHeader == null || rangeHeader.isBlank()) {
            response = Response.ok(file);
        } else {
            long[] range = parseRange(rangeHeader, size);
            long length = range[1] - range[0] + 1;
            response = Response.status(206).entity(new PathPart(file, range[0], length))
                    .header("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + size);
        }
        return response.type(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + safeName(file) + "\"")
                .build();
    }

    /** {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}; returns inclusive [first, last]. */
    static long[] parseRange(String header, long size) {
        Matcher m = SINGLE_RANGE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
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
        return new ApiException(416, "validation", "range_not_satisfiable", "Range '" + header
                + "' does not fit a file of " + size + " bytes; send one range such as bytes=0-1023", List.of());
    }

    private static String safeName(Path file) {
        return file.getFileName().toString().replaceAll("[\"\\\\\\p{Cntrl}]", "_");
    }
}
