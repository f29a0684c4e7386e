package io.hpcgateway.gateway;

import static io.hpcgateway.gateway.JobFlowTest.FINISH;
import static io.hpcgateway.gateway.JobFlowTest.as;
import static io.hpcgateway.gateway.JobFlowTest.awaitFinal;
import static io.hpcgateway.gateway.JobFlowTest.state;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.platform.Ed25519Keys;
import io.hpcgateway.gateway.support.Tokens;
import io.hpcgateway.gateway.template.TemplateManifest;
import io.hpcgateway.gateway.template.TemplateSigning;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Templates through the API: the catalogue, its lifecycle and roles, and jobs rendered from it on the real scheduler. */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
class TemplateFlowTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The test database outlives a run: every run publishes templates of its own. */
    static final String RUN = java.util.UUID.randomUUID().toString().substring(0, 8);
    static final String LIFECYCLE = "lifecycle-" + RUN;
    static final String REVOKED = "revoked-" + RUN;
    static final String INJECTION = "it's $(touch pwned1) `touch pwned2` ; touch pwned3 \"quoted\"\nsecond line";

    @Test
    void theBuiltInsAreListedApprovedAndSigned() {
        as("uma").get("/api/v2/templates?status=approved").then().statusCode(200)
                .body("id", hasItems("mpi-standard@1.0.0", "gpu-compute@1.0.0", "batch-standard@1.0.0",
                        "data-processing@1.0.0", "interactive-session@1.0.0"));
        as("uma").get("/api/v2/templates?type=gpu").then().statusCode(200).body("templateId", equalTo(List.of("gpu-compute")));
        as("uma").get("/api/v2/templates/batch-standard").then().statusCode(200).body("status", equalTo("approved"))
                .body("builtIn", equalTo(true)).body("manifest.signature.algorithm", equalTo("Ed25519"));
        as("uma").get("/api/v2/template-types").then().statusCode(200).body("type", hasItem("data_processing"));
        as("uma").get("/api/v2/templates?status=bogus").then().statusCode(400).body("details.field", equalTo("status"));
    }

    @Test
    void aBatchStandardJobRunsOnTheSchedulerAndParametersStayData() {
        String id = as("uma").contentType(ContentType.JSON).body(Map.of("name", "from-template",
                        "template", "batch-standard", "parameters", Map.of("script", "run.sh", "arguments", "one two"),
                        "resources", Map.of("cpusPerNode", 2, "timeLimitMinutes", 5)))
                .post("/api/v2/jobs").then().statusCode(201).extract().path("id");
        // The script shows seed 001's mapping.
        String script = as("uma").contentType(ContentType.JSON).queryParam("dryRun", true).body(Map.of("name", "x",
                        "template", "batch-standard@1.0.0", "parameters", Map.of("script", "run.sh", "arguments", INJECTION),
                        "resources", Map.of("cpusPerNode", 2, "timeLimitMinutes", 5, "memoryMbPerNode", 256),
                        "partition", "debug"))
                .post("/api/v2/jobs").then().statusCode(200).body("template", equalTo("batch-standard@1.0.0"))
                .body("resources.cpusPerNode", equalTo(2)).extract().path("script");
        for (String line : List.of("#SBATCH --nodes=1\n", "#SBATCH --cpus-per-task=2\n", "#SBATCH --mem=256M\n",
                "#SBATCH --time=5\n", "#SBATCH --partition=debug\n", "export RESULTS_DIR=\"$SLURM_SUBMIT_DIR/results\"\n")) {
            assertTrue(script.contains(line), line + " in\n" + script);
        }
        // Now with the injection attempts as the argument.
        String hostile = as("uma").contentType(ContentType.JSON).body(Map.of("name", "hostile",
                        "template", "batch-standard", "parameters", Map.of("script", "run.sh", "arguments", INJECTION,
                                "threads", 3)))
                .post("/api/v2/jobs").then().statusCode(201).extract().path("id");
        for (String job : List.of(id, hostile)) {
            as("uma").body("printf 'arg:%s\\n' \"$@\"; echo \"threads:$OMP_NUM_THREADS\"; ls\n")
                    .put("/api/v2/jobs/" + job + "/files/run.sh").then().statusCode(201);
            as("uma").post("/api/v2/jobs/" + job + "/launch").then().statusCode(200);
        }
        JsonPath done = awaitFinal("uma", id, FINISH);
        assertEquals("completed", done.getString("state"), done.prettify());
        String out = output("uma", done);
        assertTrue(out.contains("arg:one\narg:two\nthreads:1\n"), out);

        JsonPath attacked = awaitFinal("uma", hostile, FINISH);
        assertEquals("completed", attacked.getString("state"));
        String hostileOut = output("uma", attacked);
        assertTrue(hostileOut.contains("arg:$(touch\n") && hostileOut.contains("arg:`touch\n")
                && hostileOut.contains("threads:3"), hostileOut);
        // The script's `ls` lists the job folder: no file the injected commands would have made.
        assertTrue(hostileOut.lines().noneMatch(line -> line.startsWith("pwned")), "nothing was executed: " + hostileOut);
        as("uma").get("/api/v2/jobs/" + hostile + "/files").then().statusCode(200)
                .body("path", org.hamcrest.Matchers.not(hasItems("pwned1", "pwned2", "pwned3")));
    }

    @Test
    void theOtherBuiltInsRunWhereTheClusterAllows() {
        String pipeline = as("uma").contentType(ContentType.JSON).body(Map.of("name", "pipeline",
                "template", "data-processing", "parameters", Map.of("script", "pipeline.py", "input", "data.csv")))
                .post("/api/v2/jobs").then().statusCode(201).extract().path("id");
        as("uma").body("import argparse\np = argparse.ArgumentParser()\np.add_argument('--input')\n"
                + "p.add_argument('--workers', type=int)\na = p.parse_args()\nrows = open(a.input).read().splitlines()\n"
                + "open('rows.txt', 'w').write('%d rows, %d workers\\n' % (len(rows), a.workers))\n")
                .put("/api/v2/jobs/" + pipeline + "/files/pipeline.py").then().statusCode(201);
        as("uma").body("a,1\nb,2\nc,3\n").put("/api/v2/jobs/" + pipeline + "/files/data.csv").then().statusCode(201);
        as("uma").post("/api/v2/jobs/" + pipeline + "/launch").then().statusCode(200);
        JsonPath processed = awaitFinal("uma", pipeline, FINISH);
        assertEquals("completed", processed.getString("state"), output("uma", processed));
        assertEquals("3 rows, 2 workers\n", as("uma").get("/api/v2/jobs/" + pipeline + "/files/rows.txt").then()
                .statusCode(200).extract().asString());
        String log = output("uma", processed);
        assertTrue(log.contains("fake-apptainer: image docker://docker.io/library/python:3.12.7-slim")
                && log.contains("fake-apptainer: option --containall") && log.contains("fake-apptainer: option --bind /data"),
                log);

        if (FrontendProcess.slurmIsUp()) { // srun needs SLURM; the local executor has none
            String mpi = as("uma").contentType(ContentType.JSON).body(Map.of("name", "ranks", "template", "mpi-standard",
                    "parameters", Map.of("program", "hello.sh"))).post("/api/v2/jobs").then().statusCode(201)
                    .extract().path("id");
            as("uma").body("#!/bin/sh\necho \"rank $SLURM_PROCID of $SLURM_NTASKS\"\n")
                    .put("/api/v2/jobs/" + mpi + "/files/hello.sh").then().statusCode(201);
            as("uma").post("/api/v2/jobs/" + mpi + "/launch").then().statusCode(200);
            JsonPath ranks = awaitFinal("uma", mpi, FINISH);
            String out = output("uma", ranks);
            assertEquals("completed", ranks.getString("state"), out);
            assertTrue(out.contains("rank 0 of 2") && out.contains("rank 1 of 2"), out);
        }
    }

    @Test
    void badParametersAndUnsuitableClustersAreRefusedAtCreation() {
        create(Map.of("script", "run.sh", "colour", "red"), "batch-standard", 400, "parameters.colour");
        create(Map.of(), "batch-standard", 400, "parameters.script");
        create(Map.of("script", "../../etc/passwd"), "batch-standard", 400, "parameters.script");
        create(Map.of("script", "run.sh", "threads", 0), "batch-standard", 400, "parameters.threads");
        create(Map.of("script", "run.sh", "threads", "many"), "batch-standard", 400, "parameters.threads");
        create(Map.of("program", "a.out"), "gpu-compute", 422, "resources.gpusPerNode");
        create(Map.of(), "interactive-session", 422, "template");
        create(Map.of(), "no-such-template", 404, null);
        as("uma").contentType(ContentType.JSON).body(Map.of("name", "x", "template", "batch-standard",
                        "parameters", Map.of("script", "run.sh"), "resources", Map.of("nodes", 2)))
                .post("/api/v2/jobs").then().statusCode(400).body("details.field", equalTo("resources.nodes"));
    }

    @Test
    void theLifecycleNeedsTheRightRoles() throws Exception {
        TemplateManifest manifest = TemplateSigning.signedSleeper(LIFECYCLE, "1.0.0");
        as("uma").contentType(ContentType.JSON).body(manifest).post("/api/v2/templates").then().statusCode(403);
        as("pia", "provider").contentType(ContentType.JSON).body(manifest).post("/api/v2/templates").then()
                .statusCode(201).body("status", equalTo("pending")).body("publisher", equalTo("pia"));
        as("pia", "provider").contentType(ContentType.JSON).body(manifest).post("/api/v2/templates").then().statusCode(409);
        create(Map.of(), LIFECYCLE + "@1.0.0", 422, "template"); // pending: no jobs yet
        as("pia", "provider").post("/api/v2/templates/" + LIFECYCLE + "@1.0.0/approve").then().statusCode(403);
        as("uma").post("/api/v2/templates/" + LIFECYCLE + "@1.0.0/approve").then().statusCode(403);
        as("ada", "admin").contentType(ContentType.JSON).body(Map.of("reason", "reviewed"))
                .post("/api/v2/templates/" + LIFECYCLE + "@1.0.0/approve").then().statusCode(200)
                .body("status", equalTo("approved")).body("decisions[-1].by", equalTo("ada"))
                .body("decisions[-1].reason", equalTo("reviewed"));
        // The publisher hears of it in their event log.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> as("pia", "provider")
                .get("/api/v2/events?after=0&limit=1000").then().statusCode(200).extract().jsonPath()
                .<String>getList("items.findAll { it.type == 'template.decision' }.data.template")
                .contains(LIFECYCLE + "@1.0.0"));
        as("ada", "admin").post("/api/v2/templates/" + LIFECYCLE + "@1.0.0/reject").then().statusCode(409);
        String job = create(Map.of(), LIFECYCLE, 201, null);
        as("other", "provider").post("/api/v2/templates/" + LIFECYCLE + "@1.0.0/deprecate").then().statusCode(403);
        // Another account that took the publisher's user name is not the publisher: subjects are compared.
        given().auth().oauth2(Tokens.withClaims(Map.of("sub", "not-pia", "preferred_username", "pia",
                "groups", List.of("provider")))).post("/api/v2/templates/" + LIFECYCLE + "@1.0.0/deprecate").then()
                .statusCode(403);
        as("pia", "provider").post("/api/v2/templates/" + LIFECYCLE + "@1.0.0/deprecate").then().statusCode(200)
                .body("status", equalTo("deprecated"));
        create(Map.of(), LIFECYCLE + "@1.0.0", 422, "template"); // deprecated: no new jobs
        as("uma").get("/api/v2/jobs/" + job).then().statusCode(200).body("state", equalTo("pending")); // old ones stay
        as("pia", "provider").post("/api/v2/templates/" + LIFECYCLE + "@1.0.0/revoke").then().statusCode(403);
        as("ada", "admin").post("/api/v2/templates/" + LIFECYCLE + "@1.0.0/revoke").then().statusCode(200)
                .body("status", equalTo("revoked"));
        as("ada", "admin").post("/api/v2/templates/" + LIFECYCLE + "@1.0.0/revoke").then().statusCode(409);
        assertEquals("cancelled", state("uma", job), "a revoked template's pending job is cancelled");

        ObjectNode tampered = JSON.valueToTree(TemplateSigning.signedSleeper("tampered-" + RUN, "1.0.0"));
        ((ObjectNode) tampered.get("resources")).put("max_nodes", 2);
        as("pia", "provider").contentType(ContentType.JSON).body(tampered.toString()).post("/api/v2/templates").then()
                .statusCode(422).body("message", containsString("hash mismatch"));
        as("pia", "provider").contentType(ContentType.JSON).body(tampered.toString()).post("/api/v2/templates/verify")
                .then().statusCode(200).body("valid", equalTo(false))
                .body("signature", equalTo("signature verification failed: hash mismatch"));
        ObjectNode invalid = JSON.valueToTree(TemplateSigning.signedSleeper("huge-" + RUN, "1.0.0"));
        as("pia", "provider").contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(TemplateSigning.sign(JSON.treeToValue(((ObjectNode) invalid)
                        .put("version", "2"), TemplateManifest.class)))).post("/api/v2/templates").then()
                .statusCode(422).body("details.field", equalTo("version"));
    }

    @BeforeEach
    void theTestProvidersKeyIsRegistered() {
        as("ada", "admin").contentType(ContentType.JSON).body(Map.of("publicKey", TemplateSigning.publicKey()))
                .put("/api/v2/admin/provider-keys/pia").then().statusCode(200).body("provider", equalTo("pia"));
    }

    @Test
    void onlyAKeyRegisteredToThePublisherSignsItsTemplates() {
        String id = "keyed-" + RUN;
        // pia's key, submitted by another provider: the signature holds, but the key is not theirs.
        as("pete", "provider").contentType(ContentType.JSON).body(TemplateSigning.signedSleeper(id, "1.0.0"))
                .post("/api/v2/templates").then().statusCode(422).body("error", equalTo("signature_key_unregistered"));
        KeyPair petes = Ed25519Keys.generate();
        TemplateManifest signedByPete = TemplateSigning.sign(TemplateSigning.sleeper(id, "1.0.0"), petes);
        as("pete", "provider").contentType(ContentType.JSON).body(signedByPete).post("/api/v2/templates").then()
                .statusCode(422).body("error", equalTo("signature_key_unregistered"));
        as("pete", "provider").contentType(ContentType.JSON).body(Map.of("publicKey", Ed25519Keys.publicKeyBase64(petes)))
                .put("/api/v2/admin/provider-keys/pete").then().statusCode(403);
        as("ada", "admin").contentType(ContentType.JSON).body(Map.of("publicKey", "not-a-key"))
                .put("/api/v2/admin/provider-keys/pete").then().statusCode(400).body("details.field", equalTo("publicKey"));
        as("ada", "admin").contentType(ContentType.JSON).body(Map.of("publicKey", TemplateSigning.publicKey()))
                .put("/api/v2/admin/provider-keys/pete").then().statusCode(409);
        String keyId = as("ada", "admin").contentType(ContentType.JSON)
                .body(Map.of("publicKey", Ed25519Keys.publicKeyBase64(petes))).put("/api/v2/admin/provider-keys/pete")
                .then().statusCode(200).extract().path("keyId");
        as("pete", "provider").contentType(ContentType.JSON).body(signedByPete).post("/api/v2/templates").then()
                .statusCode(201).body("publisher", equalTo("pete"));
        as("ada", "admin").delete("/api/v2/admin/provider-keys/" + keyId).then().statusCode(200);
        as("pete", "provider").contentType(ContentType.JSON)
                .body(TemplateSigning.sign(TemplateSigning.sleeper(id, "1.1.0"), petes)).post("/api/v2/templates")
                .then().statusCode(422).body("message", containsString("revoked"));
        as("ada", "admin").queryParam("provider", "pete").get("/api/v2/admin/provider-keys").then().statusCode(200)
                .body("keyId", hasItem(keyId));
    }

    @Test
    void revokingATemplateCancelsItsRunningJob() throws Exception {
        as("pia", "provider").contentType(ContentType.JSON).body(TemplateSigning.signedSleeper(REVOKED, "1.2.0"))
                .post("/api/v2/templates").then().statusCode(201);
        as("ada", "admin").post("/api/v2/templates/" + REVOKED + "@1.2.0/approve").then().statusCode(200);
        String job = create(Map.of(), REVOKED, 201, null);
        // Versions live side by side; the plain id means the newest approved one, by number.
        as("pia", "provider").contentType(ContentType.JSON).body(TemplateSigning.signedSleeper(REVOKED, "1.10.0"))
                .post("/api/v2/templates").then().statusCode(201);
        as("uma").get("/api/v2/templates/" + REVOKED).then().statusCode(200).body("version", equalTo("1.2.0"));
        as("ada", "admin").post("/api/v2/templates/" + REVOKED + "@1.10.0/approve").then().statusCode(200);
        as("uma").get("/api/v2/templates/" + REVOKED).then().statusCode(200).body("version", equalTo("1.10.0"));
        as("uma").post("/api/v2/jobs/" + job + "/launch").then().statusCode(200);
        await().atMost(FINISH).until(() -> state("uma", job).equals("running"));
        as("ada", "admin").contentType(ContentType.JSON).body(Map.of("reason", "CVE-2026-0001"))
                .post("/api/v2/templates/" + REVOKED + "@1.2.0/revoke").then().statusCode(200);
        JsonPath done = awaitFinal("uma", job, FINISH);
        assertEquals("cancelled", done.getString("state"));
        assertEquals("template revoked: CVE-2026-0001", done.getString("stateReason"), done.prettify());
        as("uma").get("/api/v2/templates/" + REVOKED).then().statusCode(200).body("version", equalTo("1.10.0"));
    }

    static String create(Map<String, Object> parameters, String template, int status, String field) {
        var answer = as("uma").contentType(ContentType.JSON).body(Map.of("name", "t", "template", template,
                "parameters", parameters)).post("/api/v2/jobs").then().statusCode(status);
        if (field != null) {
            answer.body("details.field", equalTo(field));
        }
        return status == 201 ? answer.extract().path("id") : null;
    }

    static String output(String user, JsonPath job) {
        String log = "slurm-" + job.getLong("schedulerJobId") + ".out";
        return as(user).get("/api/v2/jobs/" + job.getString("id") + "/files/" + log).then().statusCode(200).extract()
                .asString();
    }
}
