package io.hpcgateway.gateway.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * File bodies between the gateway and a cluster, streamed in both directions: an upload is sent
 * as multipart while it is still being received, a download is handed on while it arrives.
 */
@ApplicationScoped
public class FileTransfer {

    /** A download as the cluster answered it; the caller must close {@code body}. */
    public record Download(int status, InputStream body, String contentLength, String contentRange) {}

    /** The most of an error body read to find its message. */
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final ClusterErrors errors;

    FileTransfer(ClusterErrors errors) {
        this.errors = errors;
    }

    /** Streams {@code content} into {@code <dir>/<fileName>} on the cluster. */
    public void upload(Cluster cluster, String user, String dir, String fileName, InputStream content) {
        String boundary = "hpcgw-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(uri(cluster, "upload", dir))
                .header("Authorization", cluster.authorization(user))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
                        HttpRequest.BodyPublishers.ofInputStream(() -> content),
                        HttpRequest.BodyPublishers.ofString(tail)))
                .build();
        HttpResponse<InputStream> response = requireSuccess(cluster, send(cluster, request));
        try {
            response.body().close();
        } catch (IOException e) {
            throw ClusterUnavailableException.from(cluster.name(), e);
        }
    }

    /** Opens a download of {@code path}, passing a Range header on when given. */
    public Download download(Cluster cluster, String user, String path, String range) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(cluster, "download", path))
                .header("Authorization", cluster.authorization(user)).GET();
        if (range != null && !range.isBlank()) {
            request.header("Range", range);
        }
        HttpResponse<InputStream> response = requireSuccess(cluster, send(cluster, request.build()));
        return new Download(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Length").orElse(null),
                response.headers().firstValue("Content-Range").orElse(null));
    }

    private HttpResponse<InputStream> send(Cluster cluster, HttpRequest request) {
        cluster.called();
        try {
            return cluster.files().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw ClusterUnavailableException.from(cluster.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException(cluster.name(), "interrupted", true);
        }
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
