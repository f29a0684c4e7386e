package io.hpcgateway.frontend;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(LocalBackendProfile.class)
class LocalBackendTest extends FrontendContractTest {

    @Override
    String system() {
        return "local";
    }

    @Override
    String schedulerType() {
        return "local";
    }

    @Test
    void openApiFolderHoldsTheServedDocument() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode served = json.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        JsonNode published = json.readTree(Path.of("../openapi/cluster-frontend.json").toFile());
        assertEquals(published, served, "openapi/cluster-frontend.json is stale: regenerate with "
                + "`mvn -B -DskipTests package` (it writes openapi/) and commit");
    }

    @Test
    void theShippedDevTokenScriptSignsTokensTheFrontEndAccepts() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "../deploy/local/dev-token.sh", "carol", "600", "user,provider")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("HPCGW_DEV_KEY_DIR", Path.of("target/frontend-test-data/keys").toAbsolutePath().toString());
        Process script = builder.start();
        String token = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        script.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, script.exitValue());
        given().auth().oauth2(token).get("/status/local/userinfo").then().statusCode(200)
                .body("user.name", equalTo("carol"));
    }
}
