package io.hpcgateway.frontend.transfer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The bucket each user's staged files go to: the prefix and the user name where S3's bucket rules
 * allow it (3 to 63 lower-case letters, digits and hyphens), otherwise the prefix and a digest of
 * the name, so two users never share a bucket.
 */
final class StagingBuckets {

    private static final Pattern PLAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final int MAX_LENGTH = 63;

    private StagingBuckets() {}

    static String bucketFor(String prefix, String user) {
        String plain = prefix + user;
        if (plain.length() >= 3 && plain.length() <= MAX_LENGTH && PLAIN.matcher(plain).matches()
                && plain.equals(plain.toLowerCase(Locale.ROOT))) {
            return plain;
        }
        return prefix + "u-" + HexFormat.of().formatHex(sha256(user), 0, 12);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
