package io.hpcgateway.cli.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Query strings and path segments, encoded. */
public final class Query {

    private Query() {}

    /** {@code ?a=1&b=2} from name/value pairs, skipping null values; empty when all are null. */
    public static String of(Object... pairs) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                query.append(query.length() == 0 ? '?' : '&').append(pairs[i]).append('=')
                        .append(URLEncoder.encode(String.valueOf(pairs[i + 1]), StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    /** One path segment (a job id, a template ref). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A relative file path, each segment encoded, the slashes kept. */
    public static String path(String value) {
        StringBuilder encoded = new StringBuilder();
        for (String segment : value.split("/", -1)) {
            encoded.append(encoded.length() == 0 ? "" : "/").append(segment(segment));
        }
        return encoded.toString();
    }
}
