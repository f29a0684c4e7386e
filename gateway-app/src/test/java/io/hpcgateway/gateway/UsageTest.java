package io.hpcgateway.gateway;

import static io.hpcgateway.gateway.JobFlowTest.FINISH;
import static io.hpcgateway.gateway.JobFlowTest.as;
import static io.hpcgateway.gateway.JobFlowTest.awaitFinal;
import static io.hpcgateway.gateway.JobFlowTest.create;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobState;
import io.hpcgateway.gateway.platform.Ed25519Keys;
import io.hpcgateway.gateway.support.Commands;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.SyntheticJobs;
import io.hpcgateway.gateway.usage.UsageLedger;
import io.hpcgateway.gateway.usage.UsageRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/**
 * Usage records from the scheduler's accounting: signed, verifiable outside the gateway, adding
 * up to what sacct reports, and never made up when accounting has nothing.
 */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
class UsageTest {

    /** Numbers read as decimals, so sums of GB quantities are exact (the signature needs no such care). */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Test
    void aJobsSignedRecordsAddUpToWhatSacctReports() throws Exception {
        String user = "ursula-" + UUID.randomUUID().toString().substring(0, 8);
        String id = create(user, Map.of("name", "metered-burn", "resources", Map.of("memoryMbPerNode", 64),
                // Nine seconds: accounting shows a start up to ~3 s late under load, and an interim record needs
                // the job running in accounting for at least one 2 s report interval after that.
                "command", "timeout 9 sh -c 'while :; do :; done'; true"));
        double sent = OperationsTest.metric("hpc_usage_reports_sent_total", "local");
        as(user).post("/api/v2/jobs/" + id + "/launch").then().statusCode(200);
        JsonPath job = awaitFinal(user, id, FINISH);
        assertEquals("completed", job.getString("state"));
        JsonNode records = await().atMost(FINISH).pollInterval(Duration.ofMillis(500)).until(() -> usage(user, id),
                r -> r.size() > 0 && r.get(r.size() - 1).get("is_final").asBoolean());

        assertTrue(records.size() >= 2, "an interim record every 2 s of a 9 s job, then the final one: " + records);
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            assertEquals(i == records.size() - 1, record.get("is_final").asBoolean(), "only the last record is final");
            assertEquals(record.get("cluster_id").asText() + "-" + job.getLong("schedulerJobId") + "-" + (i + 1),
                    record.get("record_id").asText());
            if (i > 0) {
                assertEquals(records.get(i - 1).get("period_end"), record.get("period_start"), "periods are contiguous");
            }
        }
        assertEquals("completed", records.get(records.size() - 1).get("job_state").asText());

        JsonPath key = as(user).get("/api/v2/usage/signing-key").then().statusCode(200).extract().jsonPath();
        for (JsonNode record : records) {
            assertTrue(verifies(key.getString("publicKey"), record), "signature of " + record.get("record_id"));
        }
        ObjectNode tampered = records.get(records.size() - 1).deepCopy();
        ((ObjectNode) tampered.get("metrics")).put("wall_clock_seconds", sum(records, "wall_clock_seconds") + 1);
        assertFalse(verifies(key.getString("publicKey"), tampered), "a changed number breaks the signature");
        ObjectNode reassigned = ((ObjectNode) records.get(0).deepCopy()).put("customer_id", "mallory");
        assertFalse(verifies(key.getString("publicKey"), reassigned), "a changed customer breaks the signature");

        if (FrontendProcess.slurmIsUp()) {
            // sacct without --allocations: the allocation row's TotalCPU sums its steps only when they are listed.
            String[] sacct = Commands.output("sacct", "--noheader", "--parsable2", "--jobs=" + job.getLong("schedulerJobId"),
                    "--format=ElapsedRaw,AllocCPUS,TotalCPU,NNodes").lines().findFirst().orElseThrow().split("\\|");
            long elapsed = Long.parseLong(sacct[0]);
            long cpus = Long.parseLong(sacct[1]);
            // Exact agreement: integers to the second, GB and hour quantities to the sixth decimal (floored).
            assertEquals(elapsed, sum(records, "wall_clock_seconds"));
            assertEquals(cpus * elapsed, sum(records, "cpu_core_seconds"));
            assertEquals(cpuSeconds(sacct[2]), sum(records, "cpu_used_seconds"));
            assertTrue(sum(records, "cpu_used_seconds") >= 3, "a nine-second busy loop used CPU time");
            assertEquals(micro(BigInteger.valueOf(64L << 20).multiply(BigInteger.valueOf(elapsed)), BigInteger.ONE.shiftLeft(30)),
                    decimalSum(records, "memory_gb_seconds"));
            assertEquals(micro(BigInteger.valueOf(Long.parseLong(sacct[3]) * elapsed), BigInteger.valueOf(3600)),
                    decimalSum(records, "node_hours"));
            assertEquals(0, sum(records, "gpu_seconds"));
        }
        JsonNode last = records.get(records.size() - 1);
        assertEquals(64L << 20, last.get("allocation").get("memory_bytes").asLong());
        assertTrue(last.get("metrics").has("storage_gb_hours"), "the job folder was measured");
        assertTrue(OperationsTest.metric("hpc_usage_reports_sent_total", "local") >= sent + records.size());

        as("ada", "admin").queryParam("job", id).queryParam("limit", 1000).get("/api/v2/audit").then().statusCode(200)
                .body("event_type", hasItem("usage_reported")).body("event_type", hasItem("accounting_reported"))
                .body("event_type", hasItem("status_reported"));
    }

    @Test
    void usersExportTheirOwnRecordsAndProvidersEveryones() throws Exception {
        String user = "una-" + UUID.randomUUID().toString().substring(0, 8);
        String id = create(user, Map.of("name", "short", "command", "true"));
        Instant before = Instant.now().minusSeconds(1);
        as(user).post("/api/v2/jobs/" + id + "/launch").then().statusCode(200);
        awaitFinal(user, id, FINISH);
        await().atMost(FINISH).until(() -> usage(user, id).size() > 0
                && usage(user, id).get(usage(user, id).size() - 1).get("is_final").asBoolean());
        String since = before.toString();
        as(user).queryParam("since", since).get("/api/v2/usage").then().statusCode(200)
                .body("job_id", hasItem(id)).body("customer_id", not(hasItem(not(user))));
        as("someone-else").queryParam("since", since).get("/api/v2/usage").then().statusCode(200)
                .body("job_id", not(hasItem(id)));
        as("petra", "provider").queryParam("since", since).queryParam("limit", 1000).get("/api/v2/usage").then()
                .statusCode(200).body("job_id", hasItem(id));
        as("someone-else").get("/api/v2/jobs/" + id + "/usage").then().statusCode(404);
        as(user).queryParam("since", "yesterday").get("/api/v2/usage").then().statusCode(400)
                .body("message", containsString("ISO-8601"));
        as(user).queryParam("limit", 0).get("/api/v2/usage").then().statusCode(400)
                .body("details.field", equalTo("limit"));
    }

    @Test
    void missingAccountingIsRetriedThenMarkedUnaccountedNeverZero() {
        // A finished job the scheduler's accounting has never heard of.
        GatewayJob lost = SyntheticJobs.insert(1, "lou", "metered", JobState.COMPLETED, 987_654_321L).get(0);
        await().atMost(FINISH).until(() -> {
            UsageLedger ledger = UsageLedger.findById(lost.id);
            return ledger != null && ledger.attempts >= 2;
        });
        UsageLedger ledger = UsageLedger.findById(lost.id);
        assertTrue(ledger.problem.contains("accounting does not know the job"), ledger.problem);
        assertEquals(0, UsageRecord.count("jobId", lost.id), "no record while accounting has nothing");
        assertTrue(OperationsTest.metric("hpc_pending_usage_reports", "metered") >= 1);
        as("ada", "admin").get("/api/v2/admin/health").then().statusCode(200)
                .body("clusters.find { it.cluster == 'metered' }.pending_reports", greaterThanOrEqualTo(1));

        // Past the accounting deadline (24 h after its end) the job is given up on, audibly.
        GatewayJob.update("finishedAt", Instant.now().minus(Duration.ofDays(2))).where("_id", lost.id);
        await().atMost(FINISH).until(() -> GatewayJob.<GatewayJob>findById(lost.id).usageComplete);
        assertEquals(0, UsageRecord.count("jobId", lost.id), "given up on, still not recorded as zero");
        as("ada", "admin").queryParam("job", lost.id).queryParam("type", "accounting_reported").get("/api/v2/audit")
                .then().statusCode(200).body("success", hasItem(false))
                .body("details.reason[0]", containsString("accounting does not know the job"));
    }

    private static JsonNode usage(String user, String id) throws IOException {
        return JSON.readTree(as(user).get("/api/v2/jobs/" + id + "/usage").then().statusCode(200).extract().asString());
    }

    /** As a verifier elsewhere checks a record: RFC 8785 over every member but the signature, with any JCS library. */
    private static boolean verifies(String publicKey, JsonNode record) throws IOException {
        ObjectNode unsigned = record.deepCopy();
        String signature = unsigned.remove("signature").asText();
        assertEquals("RFC8785", unsigned.path("canonicalization").asText());
        return Ed25519Keys.verify(publicKey, new JsonCanonicalizer(unsigned.toString()).getEncodedUTF8(), signature);
    }

    private static long sum(JsonNode records, String metric) {
        long total = 0;
        for (JsonNode record : records) {
            total += record.get("metrics").path(metric).asLong(0);
        }
        return total;
    }

    private static BigDecimal decimalSum(JsonNode records, String metric) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode record : records) {
            total = total.add(record.get("metrics").get(metric).decimalValue());
        }
        return total.stripTrailingZeros();
    }

    private static BigDecimal micro(BigInteger amount, BigInteger unit) {
        return new BigDecimal(amount.multiply(BigInteger.valueOf(1_000_000)).divide(unit), 6).stripTrailingZeros();
    }

    /** sacct TotalCPU ({@code 00:04.987}, {@code 01:02:03}) in whole seconds. */
    private static long cpuSeconds(String totalCpu) {
        String[] parts = totalCpu.split("\\.")[0].split(":");
        long seconds = 0;
        for (String part : parts) {
            seconds = seconds * 60 + Long.parseLong(part);
        }
        return seconds;
    }
}
