package io.hpcgateway.cli.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.http.Gateway;
import io.hpcgateway.cli.http.Refusal;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;

/**
 * A resumable upload by the gateway's tus route: the file goes in parts, each with its SHA-256
 * ({@code Upload-Checksum}); after a cut connection the gateway is asked where the upload stands
 * (HEAD) and the file is sent on from there. The upload's address is remembered in the cache
 * directory, so a new {@code hpcgw files put} of the same file resumes too.
 */
final class TusUpload {

    private static final String TUS = "1.0.0";

    private final Gateway gateway;
    private final String jobPath;
    private final long partSize;
    private final int retries;
    private final Path stateDirectory;

    TusUpload(Gateway gateway, String jobPath, long partSize, int retries, Path stateDirectory) {
        this.gateway = gateway;
        this.jobPath = jobPath;
        this.partSize = partSize;
        this.retries = retries;
        this.stateDirectory = stateDirectory;
    }

    /** Uploads {@code local} to {@code remote}; answers the SHA-256 the gateway verified. */
    String upload(Path local, String remote, String sha256, ProgressBar bar) throws IOException {
        long size = Files.size(local);
        Path state = stateDirectory.resolve(Checksums.hex(Checksums.sha256().digest((gateway.base() + "|" + jobPath
                + "|" + remote + "|" + local.toAbsolutePath() + "|" + size + "|" + sha256)
                .getBytes(StandardCharsets.UTF_8))) + ".json");
        Retries tries = new Retries(retries);
        String url = Files.isRegularFile(state) ? Gateway.JSON.readTree(state.toFile()).path("url").asText(null) : null;
        Position at = url == null ? null : position(url);
        if (at == null) {
            url = create(remote, size, sha256);
            remember(state, url);
            at = new Position(0, "receiving", null);
        } else {
            bar.note("resuming the upload at " + ProgressBar.size(at.offset) + " of " + ProgressBar.size(size));
        }
        while (!at.phase.equals("complete")) {
            bar.at(at.offset);
            try {
                at = at.phase.equals("assembling") ? awaitJoined(url, tries, bar) : patch(url, local, at.offset, size, bar);
            } catch (CliException e) {
                if (e instanceof Refusal refusal && refusal.status() == 422) {
                    Files.deleteIfExists(state); // the gateway removed the file and forgot the upload
                    throw e;
                }
                tries.next(e, bar);
                at = reconnect(url, tries, bar);
                bar.note("resuming at " + ProgressBar.size(at.offset) + " of " + ProgressBar.size(size));
            }
        }
        bar.at(size);
        Files.deleteIfExists(state);
        if (!sha256.equals(at.sha256)) {
            throw new CliException(ExitCodes.INTEGRITY, "The gateway stored a file with SHA-256 " + at.sha256
                    + ", not " + sha256);
        }
        return at.sha256;
    }

    /** Where an upload stands. */
    private record Position(long offset, String phase, String sha256) {}

    private String create(String remote, long size, String sha256) {
        String metadata = "path " + b64(remote) + ",sha256 " + b64(sha256);
        HttpResponse<InputStream> response = gateway.checked(gateway.send(gateway.request(jobPath + "/uploads")
                .header("Tus-Resumable", TUS).header("Upload-Length", Long.toString(size))
                .header("Upload-Metadata", metadata).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofInputStream()));
        close(response);
        return response.headers().firstValue("Location").orElseThrow(() ->
                new CliException(ExitCodes.SERVER, "The gateway created the upload but named no Location"));
    }

    private Position patch(String url, Path local, long offset, long size, ProgressBar bar) {
        long length = Math.min(partSize, size - offset);
        String checksum = Base64.getEncoder().encodeToString(Checksums.of(local, offset, length));
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> slice(local, offset, length, bar)), length);
        HttpResponse<InputStream> response = gateway.checked(gateway.send(gateway.request(url)
                .header("Tus-Resumable", TUS).header("Upload-Offset", Long.toString(offset))
                .header("Upload-Checksum", "sha256 " + checksum)
                .header("Content-Type", "application/offset+octet-stream").method("PATCH", body).build(),
                HttpResponse.BodyHandlers.ofInputStream()));
        close(response);
        return position(response);
    }

    /** After a failure: where the gateway has the upload, asked until it answers. */
    private Position reconnect(String url, Retries tries, ProgressBar bar) {
        while (true) {
            try {
                Position at = position(url);
                if (at == null) {
                    throw new CliException(ExitCodes.NOT_FOUND, "The gateway no longer knows this upload (it expired "
                            + "or was stopped): run the command again to start over");
                }
                return at;
            } catch (CliException e) {
                tries.next(e, bar);
            }
        }
    }

    /** The last part arrived and the gateway is joining the parts: asks until it has. */
    private Position awaitJoined(String url, Retries tries, ProgressBar bar) {
        Position at = reconnect(url, tries, bar);
        if (at.phase.equals("assembling")) {
            try {
                // The gateway joins a large file in minutes, not milliseconds: ask once a second.
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(130, "Interrupted");
            }
        }
        return at;
    }

    /** HEAD: where the upload stands, or null when the gateway does not know it. */
    private Position position(String url) {
        HttpResponse<InputStream> response = gateway.send(gateway.request(url).header("Tus-Resumable", TUS)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 404) {
            close(response);
            return null;
        }
        close(gateway.checked(response));
        return position(response);
    }

    private static Position position(HttpResponse<?> response) {
        return new Position(Long.parseLong(response.headers().firstValue("Upload-Offset").orElse("0")),
                response.headers().firstValue("Upload-Phase").orElse("receiving"),
                response.headers().firstValue("Upload-Sha256").orElse(null));
    }

    private static InputStream slice(Path local, long offset, long length, ProgressBar bar) {
        try {
            FileChannel channel = FileChannel.open(local, StandardOpenOption.READ).position(offset);
            return new FilterInputStream(Channels.newInputStream(channel)) {
                private long sent;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] buffer, int off, int len) throws IOException {
                    if (sent >= length) {
                        return -1;
                    }
                    int n = super.read(buffer, off, (int) Math.min(len, length - sent));
                    if (n > 0) {
                        sent += n;
                        bar.at(offset + sent);
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void remember(Path state, String url) throws IOException {
        Files.createDirectories(state.getParent());
        ObjectNode note = Gateway.JSON.createObjectNode().put("url", url);
        Files.writeString(state, note.toString());
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // the answer's headers are all we need
        }
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
