package io.hpcgateway.gateway;

import static io.hpcgateway.gateway.JobFlowTest.FINISH;
import static io.hpcgateway.gateway.JobFlowTest.as;
import static io.hpcgateway.gateway.JobFlowTest.awaitFinal;
import static io.hpcgateway.gateway.JobFlowTest.create;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Charges of real jobs, invoices per month, promotional codes and the dispute flow, over the API. */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
class BillingTest {

    @Test
    void aFinishedJobIsChargedFromItsUsageRecordsAndCanBeDisputed() {
        String user = "bea-" + UUID.randomUUID().toString().substring(0, 8);
        as(user).contentType(ContentType.JSON).body(Map.of("code", "NOPE")).post("/api/v2/billing/promo-code").then()
                .statusCode(400).body("details.field", equalTo("code"));
        as(user).contentType(ContentType.JSON).body(Map.of("code", "testpromo")).post("/api/v2/billing/promo-code")
                .then().statusCode(200).body("discountBps", equalTo(1000));

        String id = create(user, Map.of("name", "billed", "command", "sleep 2"));
        as(user).get("/api/v2/jobs/" + id + "/charges").then().statusCode(200).body("status", equalTo("estimate"))
                .body("invoice.total", equalTo(0));
        as(user).post("/api/v2/jobs/" + id + "/launch").then().statusCode(200);
        awaitFinal(user, id, FINISH);
        JsonPath charge = await().atMost(FINISH).pollInterval(Duration.ofMillis(500))
                .until(() -> as(user).get("/api/v2/jobs/" + id + "/charges").then().statusCode(200).extract().jsonPath(),
                        c -> c.getString("status").equals("final"));
        JsonPath usage = as(user).get("/api/v2/jobs/" + id + "/usage").then().statusCode(200).extract().jsonPath();
        long wall = usage.getList("metrics.wall_clock_seconds", Long.class).stream().mapToLong(Long::longValue).sum();
        assertEquals((wall + 59) / 60 * 60, charge.getLong("invoice.billedSeconds"), "run time in whole minutes, up");
        assertTrue(charge.getList("invoice.lines.resource").containsAll(List.of("cpu", "node")));
        assertEquals(charge.getList("invoice.lines.amount", Long.class).stream().mapToLong(Long::longValue).sum(),
                charge.getLong("invoice.subtotal"));
        assertEquals(List.of("promo"), charge.getList("invoice.discounts.type"));
        assertEquals(1000, charge.getInt("invoice.discounts[0].bps"));
        // A two-second job is far below the minimum charge: it pays the minimum, 2.5 % of which is the fee.
        assertEquals(10_000, charge.getLong("invoice.total"));
        assertEquals(250, charge.getLong("platformFee"));
        assertEquals(9_750, charge.getLong("providerShare"));
        String period = charge.getString("period");

        as("not-" + user).get("/api/v2/jobs/" + id + "/charges").then().statusCode(404);
        as(user).get("/api/v2/billing/invoices/" + period).then().statusCode(200).body("jobs.jobId", hasItem(id))
                .body("currency", equalTo("uvirt")).body("total", equalTo(10_000));
        as("not-" + user).queryParam("customer", user).get("/api/v2/billing/invoices/" + period).then().statusCode(403);
        as("petra", "provider").queryParam("customer", user).get("/api/v2/billing/invoices/" + period).then()
                .statusCode(200).body("jobs.jobId", hasItem(id));
        as(user).get("/api/v2/billing/invoices/November").then().statusCode(400)
                .body("message", containsString("YYYY-MM"));

        String disputes = "/api/v2/jobs/" + id + "/charges/disputes";
        as(user).contentType(ContentType.JSON).body(Map.of("reason", " ")).post(disputes).then().statusCode(400);
        String dispute = as(user).contentType(ContentType.JSON).body(Map.of("reason", "the job failed to start"))
                .post(disputes).then().statusCode(201).body("status", equalTo("open")).extract().path("id");
        as(user).contentType(ContentType.JSON).body(Map.of("reason", "again")).post(disputes).then().statusCode(409);
        as(user).get("/api/v2/billing/disputes").then().statusCode(200).body("id", hasItem(dispute));
        String resolution = "/api/v2/billing/disputes/" + dispute + "/resolution";
        as(user).contentType(ContentType.JSON).body(Map.of("outcome", "upheld", "refundAmount", 4_000))
                .post(resolution).then().statusCode(403);
        as("ada", "admin").contentType(ContentType.JSON).body(Map.of("outcome", "upheld", "refundAmount", 20_000))
                .post(resolution).then().statusCode(400).body("details.field", equalTo("refundAmount"));
        as("ada", "admin").contentType(ContentType.JSON).body(Map.of("outcome", "maybe")).post(resolution).then()
                .statusCode(400);
        as("ada", "admin").contentType(ContentType.JSON)
                .body(Map.of("outcome", "upheld", "refundAmount", 4_000, "note", "node trouble")).post(resolution)
                .then().statusCode(200).body("status", equalTo("upheld"));
        as("ada", "admin").contentType(ContentType.JSON).body(Map.of("outcome", "rejected")).post(resolution).then()
                .statusCode(409);
        // Refunded 4,000 of 10,000: 6,000 due, of which 2.5 % (150) is the platform's.
        as(user).get("/api/v2/jobs/" + id + "/charges").then().statusCode(200).body("refunded", equalTo(4_000))
                .body("amountDue", equalTo(6_000)).body("platformFee", equalTo(150))
                .body("providerShare", equalTo(5_850)).body("disputes[0].status", equalTo("upheld"));
        as("ada", "admin").queryParam("job", id).get("/api/v2/audit").then().statusCode(200)
                .body("event_type", hasItems("charge_finalized", "dispute_flagged", "dispute_resolved"));
    }

    @Test
    void theRatesInForceAreSeed002s() {
        as("rita").get("/api/v2/billing/rates").then().statusCode(200).body("currency", equalTo("uvirt"))
                .body("cpuCoreHour", equalTo(10_000)).body("gpuModelHour.a100", equalTo(150_000))
                .body("granularitySeconds", equalTo(60)).body("minimumCharge", equalTo(10_000))
                .body("platformFeeBps", equalTo(250));
        as("rita").queryParam("status", "closed").get("/api/v2/billing/disputes").then().statusCode(400);
    }

    @Test
    void anEstimatePricesWhatTheJobAsksForUntilItsTimeLimitAndCreatesNothing() {
        String user = "esti-" + UUID.randomUUID().toString().substring(0, 8);
        // Two nodes: more than the test cluster's partition has, so placement would refuse (asserted
        // below); named, the cluster prices it as asked.
        Map<String, Object> request = Map.of("name", "estimate", "command", "true", "cluster", "local",
                "resources", Map.of("nodes", 2, "ntasksPerNode", 2, "timeLimitMinutes", 90));
        as(user).contentType(ContentType.JSON).body(Map.of("name", "estimate", "command", "true",
                "resources", Map.of("nodes", 2, "ntasksPerNode", 2, "timeLimitMinutes", 90)))
                .post("/api/v2/billing/estimate").then().statusCode(422).body("error", equalTo("no_cluster_fits"))
                .body("details.clusters.local", containsString("the job asks for 2"));
        var estimate = as(user).contentType(ContentType.JSON).body(request).post("/api/v2/billing/estimate").then()
                .statusCode(200).body("plan.script", containsString("#SBATCH --nodes=2"))
                .body("basis", containsString("2 node(s), 4 CPU(s)")).body("basis", containsString("90 minutes"))
                .extract().jsonPath();
        // 4 cores for 1.5 h at 10 000 uvirt per core-hour.
        assertEquals(60_000, estimate.getLong("invoice.lines.find { it.resource == 'cpu' }.amount"));
        assertEquals(0, as(user).get("/api/v2/jobs").then().statusCode(200).extract().jsonPath().getInt("total"));
        as(user).contentType(ContentType.JSON).body(Map.of("name", "x")).post("/api/v2/billing/estimate").then()
                .statusCode(400);
    }
}
