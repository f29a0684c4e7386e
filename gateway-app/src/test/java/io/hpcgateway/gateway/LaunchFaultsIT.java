package io.hpcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.GatewayProcess;
import io.hpcgateway.gateway.support.TcpProxy;
import io.hpcgateway.gateway.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Launches while the cluster fails under them, through a proxy that refuses or swallows
 * connections: a launch that certainly reached nothing gives its claim back at once, so a client
 * retrying until it gets a 2xx gets its job run; one whose outcome is unknown is settled by the
 * gateway itself. Either way the job runs, and is submitted exactly once.
 */
class LaunchFaultsIT {

    static final Duration FINISH = Duration.ofSeconds(120);
    static final Set<String> FINAL = Set.of("completed", "failed", "cancelled", "timeout");

    static FrontendProcess frontend = new FrontendProcess();
    static Map<String, String> frontendConfig;
    static TcpProxy proxy;
    static GatewayProcess gateway;

    @BeforeAll
    static void start() throws Exception {
        frontendConfig = frontend.start();
        proxy = new TcpProxy(URI.create(frontendConfig.get("gateway.clusters.local.url")).getPort());
        Map<String, String> config = new HashMap<>(frontendConfig);
        config.put("gateway.clusters.local.url", proxy.url());
        config.put("gateway.reconcile.launch-claim-timeout", "3s");
        Path data = Files.createTempDirectory(Files.createDirectories(FrontendProcess.DATA), "launch-faults-");
        gateway = new GatewayProcess(data, config);
        gateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop();
        proxy.close();
        frontend.stop();
    }

    @Test
    void aLaunchThatReachedNothingIsGivenBackAtOnceSoARetrySubmits() throws Exception {
        String id = create("finish");
        proxy.mode(TcpProxy.Mode.REFUSE);
        try {
            as("alice").post(gateway.url() + "/api/v2/jobs/" + id + "/launch").then().statusCode(503)
                    .header("Retry-After", "5").body("error", equalTo("cluster_unavailable"));
            job(id).then().body("state", equalTo("pending")).body("launching", nullValue());
        } finally {
            proxy.mode(TcpProxy.Mode.FORWARD);
        }
        int status = as("alice").post(gateway.url() + "/api/v2/jobs/" + id + "/launch").statusCode();
        assertEquals(200, status, "the retry submits");
        assertEquals("completed", awaitFinal(id).getString("state"));
        assertEquals(1, submissionsNamed("hpcgw-" + id));
    }

    @Test
    void aLaunchWhoseOutcomeIsUnknownIsSettledByTheGatewayOnce() throws Exception {
        String id = create("settle");
        proxy.mode(TcpProxy.Mode.SWALLOW);
        try {
            as("alice").post(gateway.url() + "/api/v2/jobs/" + id + "/launch").then().statusCode(503)
                    .body("error", equalTo("launch_outcome_unknown")).body("details.launching", equalTo(true));
        } finally {
            proxy.mode(TcpProxy.Mode.FORWARD);
        }
        // A client retrying meanwhile is told the launch is being settled, not a plain 200.
        as("alice").post(gateway.url() + "/api/v2/jobs/" + id + "/launch").then().statusCode(202)
                .body("launching", equalTo(true));
        assertEquals("completed", awaitFinal(id).getString("state"), "the gateway submitted it after the claim timeout");
        assertEquals(1, submissionsNamed("hpcgw-" + id));
    }

    private static String create(String name) {
        return as("alice").contentType(ContentType.JSON).body(Map.of("name", name, "command", "echo done"))
                .post(gateway.url() + "/api/v2/jobs").then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user));
    }

    private static io.restassured.response.Response job(String id) {
        return as("alice").get(gateway.url() + "/api/v2/jobs/" + id);
    }

    private static JsonPath awaitFinal(String id) {
        await().atMost(FINISH).pollInterval(Duration.ofMillis(300))
                .until(() -> FINAL.contains(job(id).then().extract().<String>path("state")));
        return job(id).then().statusCode(200).extract().jsonPath();
    }

    /** How many scheduler jobs carry this name, asked of the front end directly. */
    private static int submissionsNamed(String name) {
        return as("alice").queryParam("name", name).queryParam("time_window", "1h")
                .get(frontendConfig.get("gateway.clusters.local.url") + "/compute/"
                        + frontendConfig.get("gateway.clusters.local.system") + "/jobs")
                .then().statusCode(200).extract().jsonPath().getList("jobs").size();
    }
}
