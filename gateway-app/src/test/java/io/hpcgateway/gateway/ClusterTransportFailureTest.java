package io.hpcgateway.gateway;

import static io.hpcgateway.gateway.JobFlowTest.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.hpcgateway.gateway.support.BrokenCluster;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cluster that closes the connection in the middle of its answer is a cluster that does not
 * answer: 503 with a retry hint, whatever exception the HTTP client raised for it, never a 500.
 */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
@WithTestResource(BrokenCluster.class)
class ClusterTransportFailureTest {

    @Test
    void anAnswerCutInTheMiddleIs503() {
        as("alice").contentType(ContentType.JSON).body(Map.of("name", "cut", "command", "true", "cluster", "broken"))
                .post("/api/v2/jobs").then().statusCode(503).body("error", equalTo("cluster_unavailable"))
                .body("message", not(containsString("Exception"))).header("Retry-After", "5");
    }
}
