package io.hpcgateway.gateway.files;

import io.hpcgateway.gateway.platform.ApiException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client's Range header, checked before it goes to the cluster: one range of byte positions a
 * file can have. Positions of more than 18 digits (beyond 10^18 bytes, and soon beyond a long)
 * cannot be satisfied by any file.
 */
final class RangeHeader {

    private static final Pattern ONE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final int MAX_DIGITS = 18;

    private RangeHeader() {}

    /** The header to forward, or null when there is none. */
    static String checked(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Matcher range = ONE_RANGE.matcher(header.strip());
        if (!range.matches() || (range.group(1).isEmpty() && range.group(2).isEmpty())) {
            throw ApiException.badRequest("Range", "Send one byte range: 'bytes=FIRST-LAST', 'bytes=FIRST-' or "
                    + "'bytes=-SUFFIX_LENGTH'");
        }
        String first = range.group(1);
        String last = range.group(2);
        if (first.length() > MAX_DIGITS || last.length() > MAX_DIGITS
                || (!first.isEmpty() && !last.isEmpty() && Long.parseLong(first) > Long.parseLong(last))) {
            throw new ApiException(416, "range_not_satisfiable", "No file has the bytes " + first + "-" + last
                    + "; ask for positions within the file's size", Map.of("field", "Range"));
        }
        return header.strip();
    }
}
