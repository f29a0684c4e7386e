package io.hpcgateway.gateway.cluster;

import io.hpcgateway.gateway.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Files through the cluster's staging, as FirecREST v2 moves large files: an upload is sent to the
 * object store in parts through the presigned URLs the cluster hands out, completed, and fetched
 * onto the cluster by a transfer job; a download is staged by a transfer job and then read from
 * its presigned URL (a Range passed on). The bytes stream through in both directions: a part is
 * read from the client's body while it is sent.
 */
@ApplicationScoped
public class StagedTransfers {

    private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL",
            "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", "PREEMPTED");
    private static final long POLL_MILLIS = 1000;
    private static final int ERROR_BODY_LIMIT = 4096;

    private final ClusterCalls calls;

    StagedTransfers(ClusterCalls calls) {
        this.calls = calls;
    }

    /** Stages {@code size} bytes of {@code content} into {@code path} and waits until the transfer job has placed them. */
    public void upload(Cluster cluster, String user, String path, InputStream content, long size) {
        Firecrest.StagedTransfer staged = calls.stageUpload(cluster, user, path, size);
        Firecrest.StagingUrls urls = staged.transferDirectives();
        if (urls == null || urls.partsUploadUrls() == null || urls.completeUploadUrl() == null || urls.maxPartSize() == null) {
            throw unexpected(cluster, "its transfer/upload answer lacks the parts' URLs");
        }
        StringBuilder completion = new StringBuilder("<CompleteMultipartUpload>");
        long sent = 0;
        List<String> parts = urls.partsUploadUrls();
        for (int i = 0; i < parts.size(); i++) {
            long length = Math.min(urls.maxPartSize(), size - sent);
            String etag = putPart(cluster, parts.get(i), content, length, sent, size);
            completion.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>").append(etag)
                    .append("</ETag></Part>");
            sent += length;
        }
        if (sent != size) {
            throw unexpected(cluster, "it handed out " + parts.size() + " parts for " + size + " bytes");
        }
        HttpResponse<String> done = send(cluster, HttpRequest.newBuilder(URI.create(urls.completeUploadUrl()))
                .POST(HttpRequest.BodyPublishers.ofString(completion.append("</CompleteMultipartUpload>").toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        // S3 may answer 200 and still report an error in the body of a completion.
        if (done.statusCode() != 200 || done.body().contains("<Error>")) {
            throw storeFailed(cluster, "completing the upload", done.statusCode(), done.body());
        }
        awaitJob(cluster, user, staged.transferJob());
    }

    /** Stages {@code path} on the object store, waits for the transfer job, and opens the staged object. */
    public FileTransfer.Download download(Cluster cluster, String user, String path, String range) {
        Firecrest.StagedTransfer staged = calls.stageDownload(cluster, user, path);
        Firecrest.StagingUrls urls = staged.transferDirectives();
        if (urls == null || urls.downloadUrl() == null) {
            throw unexpected(cluster, "its transfer/download answer lacks the download URL");
        }
        awaitJob(cluster, user, staged.transferJob());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(urls.downloadUrl())).GET();
        if (range != null && !range.isBlank()) {
            request.header("Range", range);
        }
        HttpResponse<InputStream> response = send(cluster, request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 416) {
            close(response.body());
            throw new ApiException(416, "range_not_satisfiable", "The range '" + range + "' lies beyond the file",
                    Map.of("range", range));
        }
        if (response.statusCode() >= 300) {
            String body = readError(response.body());
            throw storeFailed(cluster, "reading the staged file", response.statusCode(), body);
        }
        return new FileTransfer.Download(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Length").orElse(null),
                response.headers().firstValue("Content-Range").orElse(null));
    }

    private String putPart(Cluster cluster, String url, InputStream content, long length, long offset, long size) {
        HttpRequest put = HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new PartOfStream(content, length)), length))
                .build();
        HttpResponse<String> response;
        try {
            response = cluster.files().send(put, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("Too few bytes")) {
                throw ApiException.badRequest("body", "The body ended before its " + size + " bytes (at most "
                        + (offset + length) + " were read); send it again whole");
            }
            throw ClusterUnavailableException.from(cluster.name() + " (staging store)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException(cluster.name(), "interrupted", true);
        }
        Optional<String> etag = response.headers().firstValue("ETag");
        if (response.statusCode() != 200 || etag.isEmpty()) {
            throw storeFailed(cluster, "sending bytes " + offset + "-" + (offset + length), response.statusCode(),
                    response.body());
        }
        return etag.get();
    }

    /** Polls the user's transfer job until it ends, within the cluster's staging timeout; it must complete. */
    private void awaitJob(Cluster cluster, String user, Firecrest.TransferJob job) {
        if (job == null || job.jobId() == null) {
            throw unexpected(cluster, "its answer names no transfer job");
        }
        long id = Long.parseLong(job.jobId());
        long deadline = System.nanoTime() + cluster.stagingTimeout().toNanos();
        String state = null;
        while (System.nanoTime() < deadline) {
            state = calls.userJob(cluster, user, id).map(j -> j.status().state()).orElse(null);
            if (state != null && FINAL.contains(state)) {
                if (state.equals("COMPLETED")) {
                    return;
                }
                throw new ApiException(502, "staging_failed", "Cluster '" + cluster.name() + "': the transfer job "
                        + id + " ended " + state + "; its logs are in your home directory there",
                        Map.of("cluster", cluster.name(), "transferJob", id, "state", state));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterUnavailableException(cluster.name(), "interrupted", true);
            }
        }
        throw new ClusterUnavailableException(cluster.name(), "its transfer job " + id + " did not end within "
                + cluster.stagingTimeout().toMinutes() + " min (last state " + state + ")", true);
    }

    private static <T> HttpResponse<T> send(Cluster cluster, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        return FileHttp.send(cluster, cluster.name() + " (staging store)", request, body);
    }

    private static ApiException storeFailed(Cluster cluster, String doing, int status, String body) {
        String detail = body == null ? "" : body.length() > 300 ? body.substring(0, 300) : body;
        return new ApiException(502, "staging_failed", "Cluster '" + cluster.name() + "': the staging store answered "
                + status + " while " + doing + ": " + detail, Map.of("cluster", cluster.name(), "status", status));
    }

    private static ApiException unexpected(Cluster cluster, String what) {
        return new ApiException(502, "cluster_error", "Cluster '" + cluster.name() + "' cannot stage: " + what,
                Map.of("cluster", cluster.name()));
    }

    private static String readError(InputStream body) {
        try (body) {
            return new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // Nothing was to be read from it.
        }
    }
}
