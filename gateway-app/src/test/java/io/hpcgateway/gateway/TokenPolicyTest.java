package io.hpcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The rules a verified token must also meet, with real signed tokens shaped as Keycloak, Auth0 and
 * Entra issue them: access tokens only, configured service accounts only, and roles from the
 * configured claims (Keycloak's realm_access.roles and groups).
 */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
class TokenPolicyTest {

    @Test
    void keycloakRealmRolesAndGroupsBothGrantRoles() {
        bearer(Tokens.withClaims(Map.of("sub", id(), "preferred_username", "kc-admin", "typ", "Bearer",
                "realm_access", Map.of("roles", List.of("admin", "user")))))
                .get("/api/v2/audit").then().statusCode(200);
        bearer(Tokens.withClaims(Map.of("sub", id(), "preferred_username", "mp-admin", "groups", List.of("admin"))))
                .get("/api/v2/audit").then().statusCode(200);
        bearer(Tokens.withClaims(Map.of("sub", id(), "preferred_username", "kc-user", "typ", "Bearer",
                "realm_access", Map.of("roles", List.of("user")), "resource_access",
                Map.of("account", Map.of("roles", List.of("admin"))))))
                .get("/api/v2/audit").then().statusCode(403);
    }

    @Test
    void onlyAccessTokensAreBearerTokens() {
        for (String type : List.of("ID", "Refresh", "Logout")) {
            bearer(Tokens.withClaims(Map.of("sub", id(), "preferred_username", "typed", "typ", type)))
                    .get("/api/v2/me").then().statusCode(401).body("message", containsString("'" + type + "'"));
        }
        bearer(Tokens.withHeaderType(Map.of("sub", id(), "preferred_username", "rfc9068"), "at+jwt"))
                .get("/api/v2/me").then().statusCode(200);
        bearer(Tokens.withHeaderType(Map.of("sub", id(), "preferred_username", "idjwt"), "id+jwt"))
                .get("/api/v2/me").then().statusCode(401);
        bearer(Tokens.withClaims(Map.of("sub", id(), "preferred_username", "kc", "typ", "Bearer")))
                .get("/api/v2/me").then().statusCode(200);
    }

    @Test
    void aServiceAccountOfAClientNotConfiguredIsRefused() {
        for (Map<String, Object> claims : List.of(
                Map.<String, Object>of("sub", id(), "preferred_username", "service-account-intruder",
                        "client_id", "intruder", "azp", "intruder", "realm_access", Map.of("roles", List.of("admin"))),
                Map.<String, Object>of("sub", id(), "gty", "client-credentials", "azp", "intruder"),
                Map.<String, Object>of("sub", id(), "idtyp", "app", "azp", "intruder"))) {
            bearer(Tokens.withClaims(claims)).get("/api/v2/me").then().statusCode(401)
                    .body("error", equalTo("unauthorized")).body("message", containsString("'intruder'"));
        }
    }

    @Test
    void aConfiguredServiceAccountGetsItsConfiguredRolesAndNoOthers() {
        RequestSpecification robot = bearer(Tokens.withClaims(Map.of("sub", id(), "client_id", "ci-robot",
                "azp", "ci-robot", "preferred_username", "service-account-ci-robot",
                "realm_access", Map.of("roles", List.of("admin", "user")))));
        robot.get("/api/v2/me").then().statusCode(200).body("roles", equalTo(List.of("provider")));
        robot.get("/api/v2/usage").then().statusCode(200);
        robot.get("/api/v2/admin/cluster-accounts").then().statusCode(403);
    }

    @Test
    void aPersonWhoseUserNameLooksLikeAServiceAccountIsStillAPerson() {
        bearer(Tokens.withClaims(Map.of("sub", id(), "preferred_username", "service-account-ci-robot",
                "groups", List.of("user")))).get("/api/v2/me").then().statusCode(200).body("roles", hasItem("user"));
    }

    @Test
    void aTokenWithoutSubjectIs401() {
        bearer(Tokens.withClaims(Map.of("preferred_username", "nobody"))).get("/api/v2/me").then().statusCode(401)
                .body("message", containsString("'sub'"));
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
