package io.hpcgateway.cli.files;

import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** SHA-256 of local files and parts of them, read in pieces, never whole into memory. */
final class Checksums {

    private Checksums() {}

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hex SHA-256 of {@code length} bytes of the file from {@code offset}. */
    static byte[] of(Path file, long offset, long length) {
        MessageDigest digest = sha256();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             InputStream in = Channels.newInputStream(channel.position(offset))) {
            byte[] buffer = new byte[1 << 16];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new CliException(ExitCodes.INTEGRITY, file + " became shorter while it was sent");
                }
                digest.update(buffer, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "Cannot read " + file + ": " + e.getMessage());
        }
        return digest.digest();
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** The hex SHA-256 of an RFC 9530 {@code Repr-Digest} header, or null when it has none. */
    static String fromReprDigest(String header) {
        if (header == null) {
            return null;
        }
        for (String member : header.split(",")) {
            String[] pair = member.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("sha-256")) {
                String value = pair[1].strip();
                if (value.startsWith(":") && value.endsWith(":") && value.length() > 2) {
                    try {
                        return hex(Base64.getDecoder().decode(value.substring(1, value.length() - 1)));
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}
