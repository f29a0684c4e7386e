package io.hpcgateway.gateway.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The web UI as the gateway serves it from the web-ui module's jar. */
@QuarkusTest
class UiRoutesTest {

    @Test
    void thePageIsServedUnderItsPolicyAndItsAssetsForGood() {
        String page = given().get("/").then().statusCode(200).contentType(ContentType.HTML)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Cache-Control", "no-store").extract().asString();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page);
        assertTrue(script.find(), page);
        given().get(script.group(1)).then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable");
        given().redirects().follow(false).get("/ui").then().statusCode(302).header("Location", "/");
    }

    @Test
    void theLoginSettingsArePublicAndSayDevMode() {
        given().get("/api/v2/ui/config").then().statusCode(200).body("authMode", equalTo("dev"))
                .body("devLogin", equalTo(true)).body("oidc", nullValue()).body("applicationName", equalTo("HPC Gateway"));
    }

    @Test
    void swaggerUiIsThere() {
        given().get("/q/swagger-ui/").then().statusCode(200).contentType(ContentType.HTML);
    }
}
