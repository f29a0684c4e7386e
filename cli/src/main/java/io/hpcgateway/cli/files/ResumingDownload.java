package io.hpcgateway.cli.files;

import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.http.Gateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A download into {@code OUT.part}, renamed to {@code OUT} once whole and verified: after a cut
 * connection (or in a new run) it goes on with {@code Range: bytes=<have>-}, and the finished
 * file is checked against the SHA-256 the gateway gives for the whole file ({@code Repr-Digest}).
 */
final class ResumingDownload {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
    private static final Pattern UNSATISFIED = Pattern.compile("bytes \\*/(\\d+)");

    private final Gateway gateway;
    private final int retries;

    ResumingDownload(Gateway gateway, int retries) {
        this.gateway = gateway;
        this.retries = retries;
    }

    /** Downloads the file at {@code url} (an API path) to {@code out}; answers its verified SHA-256. */
    String download(String url, Path out, String label, boolean progress, java.io.PrintStream err) throws IOException {
        Path part = out.resolveSibling(out.getFileName() + ".part");
        Retries tries = new Retries(retries);
        ProgressBar bar = null;
        String expected = null;
        long total = -1;
        while (true) {
            long have = Files.isRegularFile(part) ? Files.size(part) : 0;
            var request = gateway.request(url).header("Want-Repr-Digest", "sha-256=1")
                    .header("Accept", "application/octet-stream").GET();
            if (have > 0) {
                request.header("Range", "bytes=" + have + "-");
            }
            HttpResponse<InputStream> response;
            try {
                response = gateway.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() == 416) {
                    total = unsatisfied(response);
                    response.body().close();
                    if (have != total) {
                        Files.delete(part); // longer than the file: not this file's beginning
                        continue;
                    }
                } else {
                    gateway.checked(response);
                    String digest = Checksums.fromReprDigest(response.headers().firstValue("Repr-Digest").orElse(null));
                    if (expected != null && digest != null && !digest.equals(expected)) {
                        throw new CliException(ExitCodes.INTEGRITY, "The file changed on the cluster during the "
                                + "download; run the command again");
                    }
                    expected = digest != null ? digest : expected;
                    long start = 0;
                    if (response.statusCode() == 206) {
                        Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                        if (!range.matches() || Long.parseLong(range.group(1)) != have) {
                            throw new CliException(ExitCodes.SERVER, "The gateway answered another range than asked");
                        }
                        start = have;
                        total = Long.parseLong(range.group(3));
                    } else {
                        total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                    }
                    if (bar == null) {
                        bar = new ProgressBar(label, Math.max(total, 0), err, progress);
                    }
                    if (start > 0) {
                        bar.note("resuming the download at " + ProgressBar.size(start));
                    }
                    copy(response.body(), part, start, bar);
                }
            } catch (CliException e) {
                // Before the first answer there is no bar yet: a bar that draws nothing carries the note.
                tries.next(e, bar != null ? bar : new ProgressBar(label, 0, err, false));
                continue;
            }
            if (total < 0 || Files.size(part) == total) {
                break;
            }
            tries.next(new CliException(ExitCodes.SERVER, "The download ended at " + ProgressBar.size(Files.size(part))
                    + " of " + ProgressBar.size(total)), bar);
        }
        if (bar != null) {
            bar.finish();
        }
        String actual = Checksums.hex(Checksums.of(part, 0, Files.size(part)));
        if (expected != null && !expected.equals(actual)) {
            Files.delete(part);
            throw new CliException(ExitCodes.INTEGRITY, "The downloaded file's SHA-256 is " + actual + ", the "
                    + "gateway's is " + expected + "; nothing was kept, run the command again");
        }
        Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return actual;
    }

    /** Appends the body to the part file from {@code start}; a cut connection keeps what arrived. */
    private void copy(InputStream body, Path part, long start, ProgressBar bar) {
        try (InputStream in = body;
             OutputStream file = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     start == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND)) {
            byte[] buffer = new byte[1 << 16];
            long at = start;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                file.write(buffer, 0, n);
                at += n;
                bar.at(at);
            }
        } catch (IOException e) {
            throw gateway.unreachable(e);
        }
    }

    private static long unsatisfied(HttpResponse<InputStream> response) {
        Matcher m = UNSATISFIED.matcher(response.headers().firstValue("Content-Range").orElse(""));
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
