package io.hpcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.GatewayProcess;
import io.hpcgateway.gateway.support.Tokens;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway with small limits: a user over theirs gets 429 with Retry-After while
 * another user goes on; requests without a valid token are limited per address, and a valid
 * token from that same address (as every relayed request is) still gets through; health routes
 * are never limited; every 429 is audited.
 */
class RateLimitIT {

    static final int PER_USER = 20;
    static final int PER_ADDRESS = 10;
    static GatewayProcess gateway;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory(Files.createDirectories(FrontendProcess.DATA), "rate-limit-");
        gateway = new GatewayProcess(data, Map.of("gateway.auth.dev-key-directory", FrontendProcess.KEYS.toString(),
                "gateway.rate-limit.per-user-per-minute", Integer.toString(PER_USER),
                "gateway.rate-limit.per-address-per-minute", Integer.toString(PER_ADDRESS),
                "gateway.audit.file", data.resolve("audit.jsonl").toString()));
        gateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop();
    }

    @Test
    void aUserOverTheLimitWaitsWhileOthersGoOn() {
        String carol = Tokens.of("carol");
        for (int i = 0; i < PER_USER; i++) {
            given().auth().oauth2(carol).get(gateway.url() + "/api/v2/me").then().statusCode(200);
        }
        Response refused = given().auth().oauth2(carol).get(gateway.url() + "/api/v2/me");
        refused.then().statusCode(429).body("error", equalTo("rate_limited"))
                .body("details.limitPerMinute", equalTo(PER_USER));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1, "Retry-After says how long to wait");
        given().auth().oauth2(Tokens.of("dave")).get(gateway.url() + "/api/v2/me").then().statusCode(200);
        given().get(gateway.url() + "/heartbeat").then().statusCode(200);
        given().get(gateway.url() + "/q/health/live").then().statusCode(200);
        given().auth().oauth2(Tokens.of("ada", "admin")).queryParam("type", "rate_limited")
                .get(gateway.url() + "/api/v2/audit").then().statusCode(200).body("actor", hasItem("carol"));
    }

    @Test
    void requestsWithoutAValidTokenAreLimitedPerAddressButValidTokensFromItAreNot() {
        int refusedAt = -1;
        for (int i = 0; i < PER_ADDRESS + 5 && refusedAt < 0; i++) {
            int status = given().auth().oauth2("forged-" + i).get(gateway.url() + "/api/v2/me").statusCode();
            if (status == 429) {
                refusedAt = i;
            } else {
                assertEquals(401, status);
            }
        }
        assertTrue(refusedAt >= 0 && refusedAt <= PER_ADDRESS, "bad tokens are refused with 429 past the limit, "
                + "here from request " + refusedAt);
        given().get(gateway.url() + "/api/v2/me").then().statusCode(429);
        given().auth().oauth2(Tokens.of("erin")).get(gateway.url() + "/api/v2/me").then().statusCode(200);
        given().get(gateway.url() + "/heartbeat").then().statusCode(200);
    }
}
