package io.hpcgateway.frontend.filesystem;

import io.hpcgateway.frontend.platform.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Part of a file for {@code head}, {@code tail} and {@code view}. Files are read only as far as
 * needed (lines are found by scanning forward or backward in blocks), never loaded whole.
 */
@Schema(name = "FileContent")
public record FileContent(String content, String contentType, long startPosition, long endPosition) {

    private static final int BLOCK = 64 * 1024;

    /** Byte offset just after the first {@code lines} lines (the file size if it has fewer). */
    static long offsetAfterLines(Path file, long lines) throws IOException {
        long offset = 0;
        long seen = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] block = new byte[BLOCK];
            int n;
            while (seen < lines && (n = in.read(block)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (block[i] == '\n' && ++seen == lines) {
                        return offset + i + 1;
                    }
                }
                offset += n;
            }
        }
        return offset;
    }

    /** Byte offset where the last {@code lines} lines start, as {@code tail -n} counts them. */
    static long offsetOfLastLines(Path file, long lines) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long end = raf.length();
            if (end > 0) {
                raf.seek(end - 1);
                if (raf.read() == '\n') {
                    end--; // a final newline ends the last line; it does not start another
                }
            }
            long seen = 0;
            byte[] block = new byte[BLOCK];
            for (long blockEnd = end; blockEnd > 0; ) {
                int size = (int) Math.min(BLOCK, blockEnd);
                long blockStart = blockEnd - size;
                raf.seek(blockStart);
                raf.readFully(block, 0, size);
                for (int i = size - 1; i >= 0; i--) {
                    if (block[i] == '\n' && ++seen == lines) {
                        return blockStart + i + 1;
                    }
                }
                blockEnd = blockStart;
            }
            return 0;
        }
    }

    /** Bytes {@code [from, to)} as text; refused above {@code limit} so no answer grows unbounded. */
    static String read(Path file, long from, long to, long limit) throws IOException {
        long length = Math.max(0, to - from);
        if (length > limit) {
            throw ApiException.validation("query", "bytes", "The content asked for is " + length
                    + " bytes; at most " + limit + " are returned inline. Ask for less or use download.");
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[(int) length];
            raf.seek(from);
            raf.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] block = new byte[BLOCK];
            int n;
            while ((n = in.read(block)) > 0) {
                digest.update(block, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
