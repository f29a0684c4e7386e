package io.hpcgateway.broker.protocol;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Headers that belong to one HTTP hop (RFC 9110, 7.6.1) and must not be replayed on the next. */
public final class Headers {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "expect");

    private Headers() {}

    /** The end-to-end headers of {@code headers}, including those named by its Connection header. */
    public static Map<String, String> endToEnd(Iterable<Map.Entry<String, String>> headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        Set<String> named = new java.util.HashSet<>();
        headers.forEach(header -> {
            if (header.getKey().equalsIgnoreCase("connection")) {
                for (String token : header.getValue().split(",")) {
                    named.add(token.strip().toLowerCase(Locale.ROOT));
                }
            }
        });
        headers.forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !named.contains(name)) {
                kept.merge(header.getKey(), header.getValue(), (a, b) -> a + ", " + b);
            }
        });
        return kept;
    }

    public static String contentType(Map<String, String> headers) {
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("content-type"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
