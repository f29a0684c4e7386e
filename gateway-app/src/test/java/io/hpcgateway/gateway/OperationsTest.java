package io.hpcgateway.gateway;

import static io.hpcgateway.gateway.JobFlowTest.FINISH;
import static io.hpcgateway.gateway.JobFlowTest.as;
import static io.hpcgateway.gateway.JobFlowTest.awaitFinal;
import static io.hpcgateway.gateway.JobFlowTest.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Health, metrics and alert rules, as operators see them. */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
class OperationsTest {

    @Test
    void readinessReportsTheDatabaseAndEachCluster() {
        // The test profile's cluster "down" never answers: readiness is DOWN and says where.
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.name", hasItems("database", "clusters"))
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'clusters' }.data.local", containsString("connection: OK"))
                .body("checks.find { it.name == 'clusters' }.data.local", containsString("queue_access: OK"))
                .body("checks.find { it.name == 'clusters' }.data.down", containsString("connection: FAILED"));
        as("uma").get("/api/v2/admin/health").then().statusCode(403);
        as("ada", "admin").get("/api/v2/admin/health").then().statusCode(200).body("database", equalTo("OK"))
                .body("clusters.find { it.cluster == 'local' }.authentication", equalTo("OK"))
                .body("clusters.find { it.cluster == 'down' }.error", containsString("down"));
    }

    @Test
    void jobMetricsMoveAsJobsRun() {
        given().get("/q/health/ready"); // probes both clusters, so the connected gauges are set
        // Only this test sends jobs to "metered" (the same front end as "local"): its counts are exact.
        double submitted = metric("hpc_jobs_submitted_total", "metered");
        double completed = metric("hpc_jobs_completed_total", "metered");
        double failed = metric("hpc_jobs_failed_total", "metered");
        String ok = create("otto", Map.of("name", "metered", "command", "true", "cluster", "metered"));
        String bad = create("otto", Map.of("name", "metered-fail", "command", "exit 2", "cluster", "metered"));
        as("otto").post("/api/v2/jobs/" + ok + "/launch").then().statusCode(200);
        as("otto").post("/api/v2/jobs/" + bad + "/launch").then().statusCode(200);
        assertEquals("completed", awaitFinal("otto", ok, FINISH).getString("state"));
        assertEquals("failed", awaitFinal("otto", bad, FINISH).getString("state"));
        assertEquals(submitted + 2, metric("hpc_jobs_submitted_total", "metered"));
        assertEquals(completed + 1, metric("hpc_jobs_completed_total", "metered"));
        assertEquals(failed + 1, metric("hpc_jobs_failed_total", "metered"));
        assertEquals(1.0, metric("hpc_scheduler_connected", "local"));
        assertEquals(0.0, metric("hpc_scheduler_connected", "down"));
        assertTrue(metric("hpc_scheduler_poll_duration_seconds_count", "local") > 0);
        assertTrue(metrics().contains("hpc_job_duration_seconds_count{cluster=\"metered\",state=\"completed\"}"));
    }

    @Test
    void theAlertRulesAreValidForPrometheus() throws Exception {
        Path rules = Path.of("../deploy/prometheus/alerts.yml");
        String text = Files.readString(rules);
        for (String alert : new String[] {"HPCHighJobFailureRate", "HPCSchedulerDisconnected", "HPCUsageReportBacklog"}) {
            assertTrue(text.contains("alert: " + alert), alert);
        }
        boolean promtool = new ProcessBuilder("sh", "-c", "command -v promtool").start().waitFor() == 0;
        if (!promtool && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI needs promtool (Debian package prometheus; deploy/local/test.sh installs it)");
        }
        if (promtool) {
            Process check = new ProcessBuilder("promtool", "check", "rules", rules.toString()).redirectErrorStream(true)
                    .start();
            String out = new String(check.getInputStream().readAllBytes());
            check.waitFor(30, TimeUnit.SECONDS);
            assertEquals(0, check.exitValue(), out);
            assertTrue(out.contains("3 rules found"), out);
        }
    }

    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static double metric(String name, String cluster) {
        Matcher value = Pattern.compile("(?m)^" + name + "\\{[^}]*cluster=\"" + cluster + "\"[^}]*} (\\S+)$")
                .matcher(metrics());
        return value.find() ? Double.parseDouble(value.group(1)) : 0.0;
    }
}
