package io.hpcgateway.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where several accounts share the machine (run.sh --multi-user), dev mode offers no development login. */
@QuarkusTest
@TestProfile(DevLoginOffTest.Off.class)
class DevLoginOffTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.auth.dev-login", "false");
        }
    }

    @Test
    void theRouteAnswersAsOneThatDoesNotExist() {
        given().contentType(ContentType.JSON).body(Map.of("user", "demo")).post("/api/v2/dev/login").then()
                .statusCode(404).body("error", equalTo("not_found"));
        given().get("/api/v2/ui/config").then().statusCode(200).body("authMode", equalTo("dev"))
                .body("devLogin", equalTo(false));
    }
}
