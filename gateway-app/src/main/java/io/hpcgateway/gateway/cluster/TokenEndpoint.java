package io.hpcgateway.gateway.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.gateway.platform.ApiException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The identity provider's token endpoint, for {@code auth=token-exchange}: exchanges a user's
 * access token for one meant for a cluster (OAuth 2.0 Token Exchange, RFC 8693, as Keycloak's
 * standard token exchange implements it), and gets the gateway client's own token (client
 * credentials). The client authenticates with its secret (client_secret_basic). The endpoint is
 * discovered from the issuer's metadata when not configured.
 */
final class TokenEndpoint {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

    private final String cluster;
    private final URI issuer;
    private final String clientId;
    private final String basicAuthorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile URI endpoint;

    /** {@code endpoint} may be null: it is then discovered from {@code issuer}'s metadata. */
    TokenEndpoint(String cluster, URI endpoint, URI issuer, String clientId, String clientSecret) {
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.issuer = issuer;
        this.clientId = clientId;
        this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (form(clientId) + ":" + form(clientSecret)).getBytes(StandardCharsets.UTF_8));
    }

    String clientId() {
        return clientId;
    }

    /** The user's token exchanged for an access token whose audience is {@code audience}. */
    Map<String, Object> exchange(String subjectToken, String audience) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", TOKEN_EXCHANGE);
        form.put("subject_token", subjectToken);
        form.put("subject_token_type", ACCESS_TOKEN);
        form.put("requested_token_type", ACCESS_TOKEN);
        form.put("audience", audience);
        return post(form);
    }

    /** The gateway client's own access token (its service account). */
    Map<String, Object> clientCredentials() {
        return post(Map.of("grant_type", "client_credentials"));
    }

    /** When a token answered by this endpoint expires: {@code expires_in} (RFC 6749) or its {@code exp}. */
    static Instant expiry(Map<String, Object> answer, Map<String, Object> claims) {
        if (answer.get("expires_in") instanceof Number seconds) {
            return Instant.now().plusSeconds(seconds.longValue());
        }
        if (claims.get("exp") instanceof Number exp) {
            return Instant.ofEpochSecond(exp.longValue());
        }
        return Instant.now().plusSeconds(60);
    }

    /** The claims of a JWT the endpoint just issued; its signature is the cluster's to check. */
    static Map<String, Object> claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new ApiException(502, "cluster_credentials_failed", "The identity provider issued a token that is "
                    + "not a JWT", Map.of());
        }
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), JSON_OBJECT);
        } catch (IOException | IllegalArgumentException e) {
            throw new ApiException(502, "cluster_credentials_failed", "The identity provider issued a token whose "
                    + "claims are unreadable", Map.of());
        }
    }

    private Map<String, Object> post(Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> form(e.getKey()) + "=" + form(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(endpoint()).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("Authorization", basicAuthorization)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<byte[]> response = send(request);
        Map<String, Object> answer = parse(response.body());
        if (response.statusCode() != 200 || !(answer.get("access_token") instanceof String)) {
            throw new ApiException(502, "cluster_credentials_refused", "The identity provider refused the gateway a "
                    + "token for cluster '" + cluster + "': " + answer.getOrDefault("error", "HTTP "
                    + response.statusCode()) + (answer.get("error_description") instanceof String why ? " (" + why + ")"
                    : ""), Map.of("cluster", cluster));
        }
        return answer;
    }

    private URI endpoint() {
        URI known = endpoint;
        if (known != null) {
            return known;
        }
        URI metadata = URI.create(issuer.toString().replaceAll("/+$", "") + "/.well-known/openid-configuration");
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(metadata).timeout(TIMEOUT).GET().build());
        if (response.statusCode() != 200 || !(parse(response.body()).get("token_endpoint") instanceof String found)) {
            throw new ApiException(502, "cluster_credentials_failed", "The identity provider's metadata at " + metadata
                    + " names no token_endpoint", Map.of("cluster", cluster));
        }
        endpoint = URI.create(found);
        return endpoint;
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ApiException(503, "identity_provider_unavailable", "The identity provider does not answer, so "
                    + "no token for cluster '" + cluster + "' can be had; try again shortly",
                    Map.of("cluster", cluster, "retryAfterSeconds", 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "identity_provider_unavailable", "Interrupted while asking the identity "
                    + "provider", Map.of("cluster", cluster, "retryAfterSeconds", 5));
        }
    }

    private static Map<String, Object> parse(byte[] body) {
        try {
            return JSON.readValue(body, JSON_OBJECT);
        } catch (IOException notJson) {
            return Map.of();
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
