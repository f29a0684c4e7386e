package io.hpcgateway.gateway.cluster;

import io.hpcgateway.gateway.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * File bodies between the gateway and a cluster, streamed in both directions: an upload is sent
 * as multipart while it is still being received, a download is handed on while it arrives. Files
 * above the cluster's direct limit go through its staging ({@link StagedTransfers}).
 */
@ApplicationScoped
public class FileTransfer {

    /** A download as the cluster answered it; the caller must close {@code body}. */
    public record Download(int status, InputStream body, String contentLength, String contentRange) {}

    /** The most of an error body read to find its message. */
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final ClusterErrors errors;
    private final ClusterCalls calls;
    private final StagedTransfers staged;

    FileTransfer(ClusterErrors errors, ClusterCalls calls, StagedTransfers staged) {
        this.errors = errors;
        this.calls = calls;
        this.staged = staged;
    }

    /**
     * Streams {@code content} ({@code size} bytes, negative when unknown) into {@code <dir>/<fileName>}
     * on the cluster: directly, or through its staging when the file is above the cluster's direct
     * limit or the cluster refuses it with 413 before reading it (it answers the
     * {@code Expect: 100-continue} of a request with a known length).
     */
    public void upload(Cluster cluster, String user, String dir, String fileName, InputStream content, long size) {
        String path = dir + "/" + fileName;
        if (cluster.staged(size)) {
            staged.upload(cluster, user, path, content, size);
            return;
        }
        String boundary = "hpcgw-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        CountingStream counted = new CountingStream(content);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                HttpRequest.BodyPublishers.ofInputStream(() -> counted), HttpRequest.BodyPublishers.ofByteArray(tail));
        HttpRequest.Builder request = RequestIdForwarding.request(uri(cluster, "upload", dir))
                .header("Authorization", cluster.authorization(user))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary);
        if (size >= 0) {
            request.expectContinue(true)
                    .POST(HttpRequest.BodyPublishers.fromPublisher(body, head.length + size + tail.length));
        } else {
            request.POST(body);
        }
        HttpResponse<InputStream> response = send(cluster, request.build());
        if (response.statusCode() == 413 && size >= 0 && counted.count() == 0) {
            close(cluster, response.body());
            staged.upload(cluster, user, path, content, size);
            return;
        }
        if (response.statusCode() == 413) {
            close(cluster, response.body());
            // Read and then refused: the body is gone. Only the size up front, or the limit in the configuration, helps.
            throw new ApiException(413, "cluster_refused", "Cluster '" + cluster.name() + "' takes no file this large "
                    + "directly" + (size < 0 ? "; send the upload with its Content-Length, so the gateway can stage it"
                    : "; upload it again (its operator can set gateway.clusters." + cluster.name()
                    + ".max-direct-transfer-size to the cluster's limit, so such files are staged at once)"),
                    Map.of("cluster", cluster.name()));
        }
        close(cluster, requireSuccess(cluster, response).body());
    }

    /**
     * Opens a download of {@code path}, passing a Range header on when given: directly, or through
     * the cluster's staging when the file is above the cluster's known direct limit (one stat
     * call finds out) or the cluster refuses the direct download with 413.
     */
    public Download download(Cluster cluster, String user, String path, String range) {
        if (cluster.limitsDirectTransfers() && cluster.staged(calls.stat(cluster, user, path).size())) {
            return staged.download(cluster, user, path, range);
        }
        HttpRequest.Builder request = RequestIdForwarding.request(uri(cluster, "download", path))
                .header("Authorization", cluster.authorization(user)).GET();
        if (range != null && !range.isBlank()) {
            request.header("Range", range);
        }
        HttpResponse<InputStream> response = send(cluster, request.build());
        if (response.statusCode() == 413) {
            close(cluster, response.body());
            return staged.download(cluster, user, path, range);
        }
        requireSuccess(cluster, response);
        return new Download(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Length").orElse(null),
                response.headers().firstValue("Content-Range").orElse(null));
    }

    private static void close(Cluster cluster, InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            throw ClusterUnavailableException.from(cluster.name(), e);
        }
    }

    private HttpResponse<InputStream> send(Cluster cluster, HttpRequest request) {
        cluster.called();
        return FileHttp.send(cluster, cluster.name(), request, HttpResponse.BodyHandlers.ofInputStream());
    }

    private static URI uri(Cluster cluster, String op, String path) {
        String base = cluster.url().toString().replaceAll("/+$", "");
        return URI.create(base + "/filesystem/" + cluster.system() + "/ops/" + op + "?path="
                + URLEncoder.encode(path, StandardCharsets.UTF_8));
    }

    /** The response if it succeeded; otherwise its error, read from the (closed) body. */
    private HttpResponse<InputStream> requireSuccess(Cluster cluster, HttpResponse<InputStream> response) {
        if (response.statusCode() < 300) {
            return response;
        }
        try (InputStream body = response.body()) {
            throw errors.translate(cluster, response.statusCode(),
                    new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ClusterUnavailableException.from(cluster.name(), e);
        }
    }
}
