package io.hpcgateway.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.http.Gateway;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * The identity provider's side of logging in, from its discovery document: the device
 * authorization grant (RFC 8628: a code to enter in any browser, also over SSH), the
 * authorization code grant with PKCE on a loopback port ({@link LoopbackLogin}), and refresh.
 */
public final class Oidc {

    private final String issuer;
    private final String clientId;
    private final HttpClient http;
    private JsonNode discovery;

    public Oidc(String issuer, String clientId, SSLContext tls) {
        this.issuer = issuer == null ? null : issuer.replaceAll("/+$", "");
        this.clientId = clientId;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15));
        this.http = (tls == null ? builder : builder.sslContext(tls)).build();
    }

    public String clientId() {
        return clientId;
    }

    JsonNode discovery() {
        if (issuer == null) {
            throw new CliException(ExitCodes.USAGE, "Name the identity provider: --issuer URL, HPCGW_ISSUER, or "
                    + "'issuer' in the configuration (for the embedded default, 'hpcgw login --dev USER')");
        }
        if (discovery == null) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(issuer
                    + "/.well-known/openid-configuration")).GET().build());
            if (response.statusCode() != 200) {
                throw new CliException(ExitCodes.AUTH, "The issuer " + issuer + " has no OpenID discovery document "
                        + "(HTTP " + response.statusCode() + ")");
            }
            discovery = parse(response.body());
        }
        return discovery;
    }

    /** The device authorization grant: prints where to go and which code to enter, polls until granted. */
    public ObjectNode deviceLogin(PrintStream prompt) {
        String endpoint = discovery().path("device_authorization_endpoint").asText(null);
        if (endpoint == null) {
            throw new CliException(ExitCodes.AUTH, "The issuer offers no device authorization grant: use --browser");
        }
        Pkce pkce = Pkce.create();
        JsonNode device = form(endpoint, Map.of("client_id", clientId, "scope", "openid", "code_challenge",
                pkce.challenge(), "code_challenge_method", "S256"));
        String userCode = device.path("user_code").asText();
        prompt.println("To log in, open " + device.path("verification_uri").asText() + " and enter the code "
                + userCode + ",");
        prompt.println("or open: " + device.path("verification_uri_complete").asText(device.path("verification_uri").asText()));
        prompt.flush();
        long interval = Math.max(1, device.path("interval").asLong(5));
        Instant deadline = Instant.now().plusSeconds(device.path("expires_in").asLong(600));
        while (Instant.now().isBefore(deadline)) {
            pause(interval);
            HttpResponse<String> response = post(tokenEndpoint(), Map.of("grant_type",
                    "urn:ietf:params:oauth:grant-type:device_code", "device_code", device.path("device_code").asText(),
                    "client_id", clientId, "code_verifier", pkce.verifier()));
            JsonNode answer = parse(response.body());
            if (response.statusCode() == 200) {
                return session(answer);
            }
            switch (answer.path("error").asText()) {
                case "authorization_pending" -> { }
                case "slow_down" -> interval += 5;
                case "access_denied" -> throw new CliException(ExitCodes.AUTH, "The login was denied");
                case "expired_token" -> throw new CliException(ExitCodes.AUTH, "The code expired: run 'hpcgw login' again");
                default -> throw new CliException(ExitCodes.AUTH, "The identity provider refused the login: "
                        + answer.path("error_description").asText(answer.path("error").asText()));
            }
        }
        throw new CliException(ExitCodes.AUTH, "The code expired: run 'hpcgw login' again");
    }

    /** The authorization code grant with PKCE, the browser sent back to a port on this machine. */
    public ObjectNode browserLogin(PrintStream prompt) {
        LoopbackLogin.Code code = LoopbackLogin.authorize(discovery().path("authorization_endpoint").asText(), clientId,
                prompt);
        return session(post(tokenEndpoint(), Map.of("grant_type", "authorization_code", "code", code.code(),
                "redirect_uri", code.redirectUri(), "client_id", clientId, "code_verifier", code.verifier())), "code");
    }

    /** A new access token from the session's refresh token. */
    ObjectNode refresh(ObjectNode session) {
        HttpResponse<String> response = post(session.path("token_endpoint").asText(), Map.of("grant_type",
                "refresh_token", "refresh_token", session.path("refresh_token").asText(), "client_id",
                session.path("client_id").asText(clientId)));
        if (response.statusCode() != 200) {
            throw new CliException(ExitCodes.AUTH, "The session expired (the identity provider refused to renew it): "
                    + "run 'hpcgw login'");
        }
        ObjectNode renewed = session(parse(response.body()), session.path("token_endpoint").asText(),
                session.path("client_id").asText(clientId));
        if (!renewed.hasNonNull("refresh_token")) {
            renewed.set("refresh_token", session.get("refresh_token"));
        }
        return renewed;
    }

    /** Ends the session at the identity provider too, when it says how (best effort). */
    public void logout(JsonNode session) {
        String endpoint = discovery().path("revocation_endpoint").asText(null);
        if (endpoint != null && session.hasNonNull("refresh_token")) {
            post(endpoint, Map.of("token", session.path("refresh_token").asText(), "token_type_hint", "refresh_token",
                    "client_id", session.path("client_id").asText(clientId)));
        }
    }

    private ObjectNode session(JsonNode tokens) {
        return session(tokens, tokenEndpoint(), clientId);
    }

    private ObjectNode session(HttpResponse<String> response, String grant) {
        if (response.statusCode() != 200) {
            throw new CliException(ExitCodes.AUTH, "The identity provider refused the " + grant + ": "
                    + parse(response.body()).path("error_description").asText(response.body()));
        }
        return session(parse(response.body()));
    }

    private ObjectNode session(JsonNode tokens, String tokenEndpoint, String client) {
        ObjectNode session = Gateway.JSON.createObjectNode().put("kind", "oidc")
                .put("access_token", tokens.path("access_token").asText())
                .put("expires_at", Instant.now().getEpochSecond() + tokens.path("expires_in").asLong(300))
                .put("token_endpoint", tokenEndpoint).put("client_id", client).put("issuer", issuer);
        if (tokens.hasNonNull("refresh_token")) {
            session.put("refresh_token", tokens.path("refresh_token").asText());
        }
        return session;
    }

    private String tokenEndpoint() {
        return discovery().path("token_endpoint").asText();
    }

    private JsonNode form(String endpoint, Map<String, String> fields) {
        HttpResponse<String> response = post(endpoint, fields);
        if (response.statusCode() != 200) {
            throw new CliException(ExitCodes.AUTH, "The identity provider refused the request: "
                    + parse(response.body()).path("error_description").asText(response.body()));
        }
        return parse(response.body());
    }

    private HttpResponse<String> post(String endpoint, Map<String, String> fields) {
        String body = new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(endpoint)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliException(ExitCodes.AUTH, "Cannot reach the identity provider at " + request.uri().getHost()
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(130, "Interrupted");
        }
    }

    private static void pause(long seconds) {
        try {
            // The device grant's polling interval is the provider's rule (RFC 8628 3.5), not a synchronisation.
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(130, "Interrupted");
        }
    }

    private static JsonNode parse(String body) {
        try {
            return Gateway.JSON.readTree(body);
        } catch (IOException e) {
            return Gateway.JSON.createObjectNode().put("error", "invalid_response").put("error_description",
                    body.lines().findFirst().orElse(""));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
