package io.hpcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.devkeys.DevKeyPair;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.GatewayProcess;
import io.hpcgateway.gateway.support.KeycloakRealm;
import io.hpcgateway.gateway.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The packaged gateway in {@code oidc} mode against a real Keycloak with the shipped realm, and
 * two real front ends on the scheduler, one per way the gateway authenticates to a cluster:
 * {@code signed} (the front end trusts the gateway's own cluster key and nothing else) and
 * {@code token-exchange} (the front end trusts Keycloak's keys alone, as a real FirecREST at a
 * site would; no real FirecREST runs here, so ours stands in for it).
 */
@EnabledIf("io.hpcgateway.gateway.support.KeycloakRealm#available")
class KeycloakOidcIT {

    static final Duration FINISH = Duration.ofSeconds(120);
    static final Set<String> FINAL = Set.of("completed", "failed", "cancelled", "timeout");
    static final String ALLOWED_ORIGIN = "https://ui.example.org";

    static KeycloakRealm realm;
    static FrontendProcess signedFrontend;
    static FrontendProcess exchangeFrontend;
    static Map<String, String> signedCluster;
    static Map<String, String> exchangeCluster;
    static GatewayProcess gateway;
    static Path clusterKeys;
    static String suffix = UUID.randomUUID().toString().substring(0, 8);
    static String admin = "ada-" + suffix;
    static String user = "uma-" + suffix;
    static String robot = "robot-" + suffix;
    static String rogue = "rogue-" + suffix;
    static String adminPassword;
    static String userPassword;

    @BeforeAll
    static void start() throws Exception {
        realm = KeycloakRealm.connect();
        adminPassword = realm.createUser(admin, "admin");
        userPassword = realm.createUser(user);
        realm.createClient(robot, "robot-secret-" + suffix, true, true, Map.of());
        realm.createClient(rogue, "rogue-secret-" + suffix, true, true, Map.of());

        Path data = Files.createTempDirectory(Files.createDirectories(FrontendProcess.DATA), "oidc-");
        clusterKeys = data.resolve("cluster-keys");
        DevKeyPair.ensureCluster(clusterKeys);
        signedFrontend = new FrontendProcess("frontend-signed", Map.of("frontend.auth.public-key-location",
                clusterKeys.resolve(DevKeyPair.CLUSTER_PUBLIC_KEY_FILE).toString()));
        exchangeFrontend = new FrontendProcess("frontend-exchange", Map.of(
                "frontend.auth.public-key-location", realm.jwks(), "frontend.auth.issuer", realm.issuer(),
                "frontend.auth.audience", "hpc-cluster"));
        signedCluster = signedFrontend.start();
        exchangeCluster = exchangeFrontend.start();

        Map<String, String> config = new HashMap<>();
        config.put("gateway.auth.mode", "oidc");
        config.put("quarkus.oidc.auth-server-url", realm.issuer());
        config.put("quarkus.oidc.client-id", "hpc-gateway");
        config.put("quarkus.oidc.token.audience", "hpc-gateway");
        config.put("gateway.auth.cluster-key-directory", clusterKeys.toString());
        config.put("gateway.auth.service-clients." + robot + ".roles", "provider");
        config.put("gateway.default-cluster", "signed");
        config.put("gateway.clusters.signed.url", signedCluster.get("gateway.clusters.local.url"));
        config.put("gateway.clusters.signed.system", signedCluster.get("gateway.clusters.local.system"));
        config.put("gateway.clusters.exchange.url", exchangeCluster.get("gateway.clusters.local.url"));
        config.put("gateway.clusters.exchange.system", exchangeCluster.get("gateway.clusters.local.system"));
        config.put("gateway.clusters.exchange.auth", "token-exchange");
        config.put("gateway.clusters.exchange.exchange.audience", "hpc-cluster");
        config.put("gateway.audit.file", data.resolve("audit.jsonl").toString());
        config.put("quarkus.http.cors.enabled", "true");
        config.put("quarkus.http.cors.origins", ALLOWED_ORIGIN);
        // Where the template and usage signing keys are generated (unused by oidc mode's tokens).
        config.put("gateway.auth.dev-key-directory", data.resolve("keys").toString());
        gateway = new GatewayProcess(data, config,
                Map.of("QUARKUS_OIDC_CREDENTIALS_SECRET", realm.gatewayClientSecret()));
        gateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.stop();
        }
        if (signedFrontend != null) {
            signedFrontend.stop();
        }
        if (exchangeFrontend != null) {
            exchangeFrontend.stop();
        }
    }

    @Test
    void aUserRunsAJobEndToEndOnBothClusters() {
        String token = realm.accessToken(user, userPassword);
        for (String cluster : List.of("signed", "exchange")) {
            String id = bearer(token).contentType(ContentType.JSON).body(Map.of("name", "oidc", "cluster", cluster,
                            "command", "tr a-z A-Z < in.txt > out.txt"))
                    .post(gateway.url() + "/api/v2/jobs").then().statusCode(201).extract().path("id");
            bearer(token).contentType("application/octet-stream").body(("hello " + cluster).getBytes(StandardCharsets.UTF_8))
                    .put(gateway.url() + "/api/v2/jobs/" + id + "/files/in.txt").then().statusCode(201);
            bearer(token).post(gateway.url() + "/api/v2/jobs/" + id + "/launch").then().statusCode(200);
            await().atMost(FINISH).pollInterval(Duration.ofMillis(300)).until(() -> FINAL.contains(
                    bearer(token).get(gateway.url() + "/api/v2/jobs/" + id).then().extract().path("state")));
            bearer(token).get(gateway.url() + "/api/v2/jobs/" + id).then().statusCode(200)
                    .body("state", equalTo("completed")).body("folder", containsString("/" + user + "/hpc-gateway/"));
            assertEquals("HELLO " + cluster.toUpperCase(), bearer(token).get(gateway.url() + "/api/v2/jobs/" + id
                    + "/files/out.txt").then().statusCode(200).extract().asString(), "on cluster " + cluster);
        }
    }

    @Test
    void anAdminsRealmRoleOpensAdminRoutesAndAUsersDoesNot() {
        String adminToken = realm.accessToken(admin, adminPassword);
        bearer(adminToken).get(gateway.url() + "/api/v2/me").then().statusCode(200).body("roles", hasItem("admin"));
        bearer(adminToken).get(gateway.url() + "/api/v2/admin/cluster-accounts").then().statusCode(200);
        bearer(adminToken).get(gateway.url() + "/api/v2/audit").then().statusCode(200);
        String userToken = realm.accessToken(user, userPassword);
        bearer(userToken).get(gateway.url() + "/api/v2/me").then().statusCode(200)
                .body("roles", hasItem("user")).body("roles", not(hasItem("admin")));
        bearer(userToken).get(gateway.url() + "/api/v2/admin/cluster-accounts").then().statusCode(403);
        bearer(userToken).get(gateway.url() + "/api/v2/audit").then().statusCode(403);
    }

    @Test
    void tokensNotMeantForTheGatewayAre401() {
        Map<String, Object> issued = realm.passwordGrant("hpc-cli", user, userPassword);
        bearer((String) issued.get("id_token")).get(gateway.url() + "/api/v2/me").then().statusCode(401)
                .body("error", equalTo("unauthorized"));
        String other = "other-" + suffix;
        realm.createClient(other, null, false, false, Map.of());
        bearer((String) realm.passwordGrant(other, user, userPassword).get("access_token"))
                .get(gateway.url() + "/api/v2/me").then().statusCode(401).body("message", containsString("'aud'"));
        bearer(realm.otherRealmToken()).get(gateway.url() + "/api/v2/me").then().statusCode(401);
        String access = (String) issued.get("access_token");
        bearer(tampered(access)).get(gateway.url() + "/api/v2/me").then().statusCode(401);
        bearer(access).get(gateway.url() + "/api/v2/me").then().statusCode(200);
        // A dev-signed token of the same user: the gateway in oidc mode trusts the realm's keys only.
        bearer(Tokens.of(user)).get(gateway.url() + "/api/v2/me").then().statusCode(401);
    }

    @Test
    void anExpiredTokenIs401FromTheSecondItExpires() {
        String brief = "brief-" + suffix;
        realm.createClient(brief, null, false, true, Map.of("access.token.lifespan", "3"));
        String token = (String) realm.passwordGrant(brief, user, userPassword).get("access_token");
        long expires = ((Number) claims(token).get("exp")).longValue();
        bearer(token).get(gateway.url() + "/api/v2/me").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> bearer(token).get(gateway.url() + "/api/v2/me").statusCode() == 401);
        assertTrue(Instant.now().getEpochSecond() >= expires, "refused only once expired");
        bearer(token).get(gateway.url() + "/api/v2/me").then().statusCode(401).body("message", containsString("expired"));
    }

    @Test
    void onlyConfiguredClientsServiceAccountsGetIn() {
        bearer(realm.clientCredentials(rogue, "rogue-secret-" + suffix)).get(gateway.url() + "/api/v2/me").then()
                .statusCode(401).body("message", containsString(rogue));
        String robotToken = realm.clientCredentials(robot, "robot-secret-" + suffix);
        bearer(robotToken).get(gateway.url() + "/api/v2/me").then().statusCode(200)
                .body("roles", equalTo(List.of("provider")));
        bearer(robotToken).get(gateway.url() + "/api/v2/usage").then().statusCode(200);
        bearer(robotToken).get(gateway.url() + "/api/v2/admin/cluster-accounts").then().statusCode(403);
    }

    @Test
    void corsAnswersTheAllowedOriginAndNoOther() {
        given().header("Origin", ALLOWED_ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options(gateway.url() + "/api/v2/jobs").then().statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Allow-Headers", containsString("authorization"));
        given().header("Origin", "https://evil.example.org").header("Access-Control-Request-Method", "POST")
                .options(gateway.url() + "/api/v2/jobs").then().header("Access-Control-Allow-Origin", nullValue());
        bearer(realm.accessToken(user, userPassword)).header("Origin", ALLOWED_ORIGIN)
                .get(gateway.url() + "/api/v2/me").then().statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN);
    }

    @Test
    void eachFrontEndTrustsOnlyItsOwnIssuer() {
        String signedJobs = signedCluster.get("gateway.clusters.local.url") + "/compute/"
                + signedCluster.get("gateway.clusters.local.system") + "/jobs";
        String exchangeJobs = exchangeCluster.get("gateway.clusters.local.url") + "/compute/"
                + exchangeCluster.get("gateway.clusters.local.system") + "/jobs";
        String userToken = realm.accessToken(user, userPassword);
        // The signed cluster's front end was given the gateway's cluster key alone: not the dev key, not Keycloak.
        given().auth().oauth2(Tokens.of(user)).get(signedJobs).then().statusCode(401);
        given().auth().oauth2(userToken).get(signedJobs).then().statusCode(401);
        // The exchange cluster's front end trusts Keycloak alone, and only tokens for the cluster's audience.
        given().auth().oauth2(userToken).get(exchangeJobs).then().statusCode(401);
        given().auth().oauth2(Tokens.of(user)).get(exchangeJobs).then().statusCode(401);
    }

    @Test
    void aMappingTheIdentityProviderContradictsIsRefusedOnTheExchangeCluster() {
        String adminToken = realm.accessToken(admin, adminPassword);
        String mapped = "mapped-" + suffix;
        String password = realm.createUser(mapped);
        String token = realm.accessToken(mapped, password);
        String subject = bearer(token).get(gateway.url() + "/api/v2/me").then().statusCode(200).extract().path("subject");
        bearer(adminToken).contentType(ContentType.JSON).body(Map.of("subject", subject))
                .put(gateway.url() + "/api/v2/admin/cluster-accounts/exchange/someone-else-" + suffix)
                .then().statusCode(200);
        bearer(token).contentType(ContentType.JSON).body(Map.of("name", "x", "cluster", "exchange", "command", "true"))
                .post(gateway.url() + "/api/v2/jobs").then().statusCode(403)
                .body("error", equalTo("cluster_account_mismatch"));
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token);
    }

    /** The same token with one claim changed and the signature kept. */
    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"preferred_username\":\"" + user + "\"", "\"preferred_username\":\"" + admin + "\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> claims(String token) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                    Base64.getUrlDecoder().decode(token.split("\\.")[1]), Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
