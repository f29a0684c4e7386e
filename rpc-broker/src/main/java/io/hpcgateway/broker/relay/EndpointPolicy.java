package io.hpcgateway.broker.relay;

import io.hpcgateway.broker.protocol.MalformedMessageException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where a relayed request may go: only under the gateway's base URL. An endpoint is a relative
 * path; absolute URLs, other hosts, {@code ..} or {@code .} segments (also percent-encoded),
 * backslashes, control characters, and query or fragment parts are refused, so a message can
 * never make the relay call anything else (no SSRF).
 */
public final class EndpointPolicy {

    private final URI base;

    public EndpointPolicy(URI gatewayUrl) {
        String path = gatewayUrl.getPath() == null ? "" : gatewayUrl.getPath().replaceAll("/+$", "");
        this.base = URI.create(gatewayUrl.getScheme() + "://" + gatewayUrl.getRawAuthority() + path);
    }

    /** The request URI for {@code endpoint} and {@code query}, or a {@link MalformedMessageException} saying why not. */
    public URI target(String endpoint, Map<String, List<String>> query) {
        if (endpoint.length() > 4096 || endpoint.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new MalformedMessageException("'endpoint' is too long or holds control characters");
        }
        if (endpoint.contains("://") || endpoint.startsWith("//") || endpoint.contains("\\")
                || endpoint.contains("?") || endpoint.contains("#")) {
            throw new MalformedMessageException("'endpoint' must be a path relative to the gateway "
                    + "(query parameters go in 'query_params')");
        }
        String relative = endpoint.startsWith("/") ? endpoint.substring(1) : endpoint;
        for (String segment : relative.split("/", -1)) {
            String decoded = decode(segment);
            if (decoded.equals("..") || decoded.equals(".") || decoded.contains("/") || decoded.contains("\\")) {
                throw new MalformedMessageException("'endpoint' must not leave the gateway's base path");
            }
        }
        StringJoiner queryString = new StringJoiner("&");
        query.forEach((name, values) -> values.forEach(value ->
                queryString.add(encode(name) + "=" + encode(value))));
        URI target;
        try {
            target = URI.create(base + "/" + relative + (queryString.length() == 0 ? "" : "?" + queryString));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("'endpoint' is not a valid URL path (percent-encode it)");
        }
        if (!target.getRawAuthority().equals(base.getRawAuthority()) || !target.getScheme().equals(base.getScheme())) {
            throw new MalformedMessageException("'endpoint' must stay on the gateway's host");
        }
        return target;
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("'endpoint' has a malformed percent-encoding");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
