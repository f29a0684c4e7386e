package io.hpcgateway.gateway.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The real Keycloak of deploy/local/keycloak-up.sh with the shipped realm "hpc", which the test
 * command brings up: its admin API makes the users and clients a test needs, and its token
 * endpoint gives real tokens for them.
 */
public final class KeycloakRealm {

    public static final String REALM = "hpc";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final Properties admin;
    private final Properties gateway;

    private KeycloakRealm(String base, Properties admin, Properties gateway) {
        this.base = base;
        this.admin = admin;
        this.gateway = gateway;
    }

    private static Path state() {
        String configured = System.getenv("HPCGW_KEYCLOAK_STATE");
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".hpc-gateway", "keycloak");
    }

    private static String base() {
        String port = System.getenv().getOrDefault("HPCGW_KEYCLOAK_PORT", "8180");
        return "http://127.0.0.1:" + port;
    }

    /** For {@code @EnabledIf}: CI has the Keycloak (and fails without it); elsewhere the test is skipped without it. */
    public static boolean available() {
        return "true".equals(System.getenv("CI")) || Files.isReadable(state().resolve("admin.env"));
    }

    public static KeycloakRealm connect() {
        return new KeycloakRealm(base(), load(state().resolve("admin.env")), load(state().resolve("gateway.env")));
    }

    public String issuer() {
        return base + "/realms/" + REALM;
    }

    public String jwks() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** The confidential client hpc-gateway's secret, which keycloak-up.sh put into the realm at import. */
    public String gatewayClientSecret() {
        return gateway.getProperty("HPCGW_GATEWAY_CLIENT_SECRET");
    }

    /** A new enabled user with these realm roles; returns its password. */
    public String createUser(String username, String... roles) {
        String password = UUID.randomUUID().toString();
        adminCall("POST", "/users", Map.of("username", username, "enabled", true, "email", username + "@example.org",
                "emailVerified", true, "firstName", username, "lastName", "Test",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        String id = (String) parseList(adminCall("GET", "/users?exact=true&username=" + form(username), null)).get(0)
                .get("id");
        List<Object> roleRepresentations = new ArrayList<>();
        for (String role : roles) {
            roleRepresentations.add(parse(adminCall("GET", "/roles/" + role, null)));
        }
        adminCall("POST", "/users/" + id + "/role-mappings/realm", roleRepresentations);
        return password;
    }

    /**
     * A new client: confidential with a service account ({@code serviceAccount}), or public with the
     * password grant; its access tokens name the gateway as audience when {@code gatewayAudience}.
     */
    public void createClient(String clientId, String secret, boolean serviceAccount, boolean gatewayAudience,
                             Map<String, String> attributes) {
        Map<String, Object> client = new LinkedHashMap<>(Map.of("clientId", clientId, "enabled", true,
                "publicClient", !serviceAccount, "serviceAccountsEnabled", serviceAccount,
                "directAccessGrantsEnabled", !serviceAccount, "standardFlowEnabled", false, "attributes", attributes));
        if (serviceAccount) {
            client.put("secret", secret);
        }
        if (gatewayAudience) {
            client.put("protocolMappers", List.of(Map.of("name", "gateway audience", "protocol", "openid-connect",
                    "protocolMapper", "oidc-audience-mapper", "config", Map.of("included.client.audience",
                            "hpc-gateway", "access.token.claim", "true", "id.token.claim", "false"))));
        }
        adminCall("POST", "/clients", client);
    }

    /** The token endpoint's answer (access_token, id_token...) for a user's password, through {@code clientId}. */
    public Map<String, Object> passwordGrant(String clientId, String username, String password) {
        return token(Map.of("grant_type", "password", "client_id", clientId, "username", username,
                "password", password, "scope", "openid"), null);
    }

    public String accessToken(String username, String password) {
        return (String) passwordGrant("hpc-cli", username, password).get("access_token");
    }

    public String clientCredentials(String clientId, String secret) {
        return (String) token(Map.of("grant_type", "client_credentials"), clientId + ":" + secret).get("access_token");
    }

    /** A token of the master realm's bootstrap admin: another issuer, other keys. */
    public String otherRealmToken() {
        return (String) token(base + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", admin.getProperty("KC_ADMIN_USER"),
                "password", admin.getProperty("KC_ADMIN_PASSWORD")), null).get("access_token");
    }

    private Map<String, Object> token(Map<String, String> form, String basic) {
        return token(issuer() + "/protocol/openid-connect/token", form, basic);
    }

    private Map<String, Object> token(String url, Map<String, String> form, String basic) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> form(e.getKey()) + "=" + form(e.getValue())).collect(Collectors.joining("&"))));
        if (basic != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token: " + response.body());
        }
        return parse(response.body());
    }

    private String adminCall(String method, String path, Object body) {
        String adminToken = otherRealmToken();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + REALM + path))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json");
        try {
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Keycloak admin " + method + " " + path + ": " + response.statusCode()
                    + " " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak does not answer at " + base
                    + ": deploy/local/keycloak-up.sh starts it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, OBJECT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> parseList(String json) {
        try {
            return JSON.readValue(json, LIST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": deploy/local/keycloak-up.sh writes it", e);
        }
        return properties;
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
