package io.hpcgateway.gateway.files;

import io.hpcgateway.gateway.platform.ApiException;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * The tus 1.0.0 headers (https://tus.io/protocols/resumable-upload): parsing what clients send,
 * and the version headers every answer of {@link UploadsResource} carries, refusals included.
 */
public class TusProtocol {

    static final String VERSION = "1.0.0";
    static final String EXTENSIONS = "creation,termination,checksum,expiration";
    static final String CHECKSUM_ALGORITHMS = "sha256";
    static final String OFFSET_CONTENT_TYPE = "application/offset+octet-stream";

    @ServerResponseFilter
    public void versionHeaders(ContainerResponseContext response, SimpleResourceInfo resource) {
        if (resource != null && resource.getResourceClass() == UploadsResource.class) {
            response.getHeaders().putSingle("Tus-Resumable", VERSION);
            response.getHeaders().putSingle("Tus-Version", VERSION);
        }
    }

    /** 412 unless the client speaks the version this server does. */
    static void requireVersion(String tusResumable) {
        if (!VERSION.equals(tusResumable == null ? null : tusResumable.strip())) {
            throw new ApiException(412, "unsupported_version", "Send 'Tus-Resumable: " + VERSION
                    + "': this server speaks tus " + VERSION + " only", Map.of("version", VERSION));
        }
    }

    /** A non-negative byte count from a header, or a 400 naming the header. */
    static long bytes(String header, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(header, "The header '" + header + "' is required");
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(header, "'" + header + "' must be a whole number of bytes, 0 or more");
    }

    /** {@code Upload-Metadata}: comma-separated {@code key base64(value)} pairs, the value optional. */
    static Map<String, String> metadata(String header) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return pairs;
        }
        for (String pair : header.split(",")) {
            String[] parts = pair.strip().split(" ");
            if (parts.length > 2 || parts[0].isEmpty()) {
                throw ApiException.badRequest("Upload-Metadata", "'Upload-Metadata' is comma-separated pairs of a "
                        + "key and its base64 value, separated by one space");
            }
            try {
                pairs.put(parts[0], parts.length == 1 ? ""
                        : new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Upload-Metadata", "The value of '" + parts[0]
                        + "' in Upload-Metadata is not base64");
            }
        }
        return pairs;
    }

    /** {@code Upload-Checksum: sha256 <base64 digest>}; null when absent. */
    static byte[] checksum(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String[] parts = header.strip().split(" ");
        if (parts.length != 2 || !parts[0].equalsIgnoreCase(CHECKSUM_ALGORITHMS)) {
            throw ApiException.badRequest("Upload-Checksum", "'Upload-Checksum' must be 'sha256 <base64 digest>' "
                    + "(Tus-Checksum-Algorithm: " + CHECKSUM_ALGORITHMS + ")");
        }
        try {
            byte[] digest = Base64.getDecoder().decode(parts[1]);
            if (digest.length == 32) {
                return digest;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.badRequest("Upload-Checksum", "The sha256 digest of Upload-Checksum must be 32 bytes in base64");
    }

    /** {@code Upload-Expires}: an HTTP date (RFC 9110). */
    static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }
}
