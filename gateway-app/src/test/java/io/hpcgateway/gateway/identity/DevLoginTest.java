package io.hpcgateway.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded default's development login (dev mode; the oidc mode's 404 is web-ui/e2e's oidc spec). */
@QuarkusTest
class DevLoginTest {

    @Test
    void issuesATokenTheGatewayAcceptsWithTheRolesAsked() {
        String token = given().contentType(ContentType.JSON).body(Map.of("user", "gail", "roles", List.of("user", "admin")))
                .post("/api/v2/dev/login").then().statusCode(200).body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600)).extract().path("access_token");
        given().auth().oauth2(token).get("/api/v2/me").then().statusCode(200).body("subject", equalTo("gail"))
                .body("roles", hasItem("admin"));
        given().auth().oauth2(token).get("/api/v2/admin/health").then().statusCode(200);
    }

    @Test
    void refusesNamesAndRolesItDoesNotKnow() {
        given().contentType(ContentType.JSON).body(Map.of("user", "../root")).post("/api/v2/dev/login").then()
                .statusCode(400).body("details.field", equalTo("user"));
        given().contentType(ContentType.JSON).body(Map.of("user", "gail", "roles", List.of("superuser")))
                .post("/api/v2/dev/login").then().statusCode(400).body("details.field", equalTo("roles"));
    }
}
