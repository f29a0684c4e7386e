package io.hpcgateway.gateway;

import static io.hpcgateway.gateway.JobFlowTest.FINAL;
import static io.hpcgateway.gateway.JobFlowTest.FINISH;
import static io.hpcgateway.gateway.JobFlowTest.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The legacy v1 API called as the original hpc-gateway-app's SDK called it: {@code jobid} as a
 * query parameter, multipart uploads with and without {@code filename}; end to end on the real
 * scheduler (SLURM in CI).
 */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
class LegacyApiTest {

    @Test
    void heartbeatNeedsNoTokenAndEverythingElseDoes() {
        given().get("/heartbeat").then().statusCode(200)
                .body("message", equalTo("HPC-gateway-App : application running."));
        for (String[] route : new String[][] {{"PUT", "/api/v1/user/create"}, {"POST", "/api/v1/job/create"},
                {"GET", "/api/v1/job/state/x"}, {"DELETE", "/api/v1/job/delete/x"}, {"GET", "/api/v1/job/"},
                {"PATCH", "/api/v1/job/launch?jobid=x"}, {"GET", "/api/v1/file/list?jobid=x"},
                {"GET", "/api/v1/file/download/x?filename=a"}}) {
            given().contentType(ContentType.JSON).body("{}").request(route[0], route[1]).then().statusCode(401).body("error", equalTo("unauthorized"));
        }
    }

    @Test
    void userCreateIsIdempotentAndNamesTheClusterDirectory() {
        for (int i = 0; i < 2; i++) {
            as("dora").put("/api/v1/user/create").then().statusCode(200).body("_id", equalTo("dora"))
                    .body("email", equalTo("dora@example.org")).body("home", endsWith("/dora"))
                    .body("message", equalTo("Success: Create user in database."));
        }
    }

    @Test
    void theSdkFlowRunsACommandInAContainerImageWithSrun() {
        int tasks = FrontendProcess.slurmIsUp() ? 2 : 1; // the local executor has no srun
        String jobid = as("dora").contentType(ContentType.JSON).body(Map.of("job_name", "legacy", "image", "alpine:3.19",
                        "partition", "debug", "ntasks_per_node", tasks,
                        "executable_cmd", "tr a-z A-Z < input.txt > output.txt; echo task done"))
                .post("/api/v1/job/create").then().statusCode(200).body("state", equalTo("pending"))
                .extract().path("jobid");

        // As the SDK does: jobid in the query, the file as the multipart part 'file'.
        as("dora").multiPart("file", "local-name.txt", "hello legacy".getBytes(StandardCharsets.UTF_8))
                .queryParam("jobid", jobid).queryParam("filename", "input.txt")
                .put("/api/v1/file/upload").then().statusCode(200).body("message", equalTo("File uploaded."))
                .body("filename", equalTo("input.txt")).body("size", equalTo(12));
        as("dora").multiPart("file", "notes.txt", "kept under its own name".getBytes(StandardCharsets.UTF_8))
                .queryParam("jobid", jobid).put("/api/v1/file/upload/{jobid}".replace("{jobid}", "%7Bjobid%7D"))
                .then().statusCode(200).body("filename", equalTo("notes.txt"));
        // The original's fields: pyfirecrest's listing, and its message.
        as("dora").get("/api/v1/file/list/" + jobid).then().statusCode(200)
                .body("message", equalTo("Files in the job folder."))
                .body("files.name", hasItems("input.txt", "notes.txt"))
                .body("files.find { it.name == 'input.txt' }.type", equalTo("-"))
                .body("files.find { it.name == 'input.txt' }.size", equalTo(12))
                .body("files.find { it.name == 'input.txt' }.permissions", org.hamcrest.Matchers.matchesPattern("[rwxsStT-]{9}"))
                .body("files.find { it.name == 'input.txt' }.user", notNullValue())
                .body("files.find { it.name == 'input.txt' }.group", notNullValue())
                .body("files.find { it.name == 'input.txt' }.last_modified", notNullValue())
                .body("files.find { it.name == 'input.txt' }", org.hamcrest.Matchers.hasKey("link_target"));

        as("dora").queryParam("jobid", jobid).patch("/api/v1/job/launch").then().statusCode(200)
                .body("jobid", equalTo(jobid)).body("state", equalTo("queued")).body("scheduler_jobid", notNullValue());
        JsonPath done = awaitFinal("dora", jobid);
        assertEquals("completed", done.getString("state"), done.prettify());
        assertEquals(0, done.getInt("exit_code"));

        byte[] output = as("dora").queryParam("jobid", jobid).queryParam("filename", "output.txt")
                .get("/api/v1/file/download").then().statusCode(200)
                .header("Content-Disposition", "inline; filename=output.txt").extract().asByteArray();
        assertArrayEquals("HELLO LEGACY".getBytes(StandardCharsets.UTF_8), output);
        String slurmOut = new String(as("dora").queryParam("jobid", jobid)
                .queryParam("filename", done.getList("files.name", String.class).stream()
                        .filter(name -> name.startsWith("slurm-")).findFirst().orElseThrow())
                .get("/api/v1/file/download").then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
        assertTrue(slurmOut.contains("fake-apptainer: image docker://alpine:3.19"), slurmOut);
        assertTrue(slurmOut.contains("fake-apptainer: option --bind /"), slurmOut);
        assertEquals(tasks, slurmOut.lines().filter(line -> line.equals("task done")).count(), slurmOut);

        as("dora").queryParam("jobid", jobid).queryParam("filename", "notes.txt").delete("/api/v1/file/delete")
                .then().statusCode(200).body("message", equalTo("File deleted."));
        as("dora").get("/api/v1/file/list?jobid=" + jobid).then().statusCode(200)
                .body("files.name", not(hasItem("notes.txt")));
        // The original's list: a dict keyed by job id, its documents' fields, then the gateway's own.
        as("dora").get("/api/v1/job/").then().statusCode(200)
                .body("jobs.'" + jobid + "'._id", equalTo(jobid))
                .body("jobs.'" + jobid + "'.user_id", equalTo("dora"))
                .body("jobs.'" + jobid + "'.remote_folder", endsWith("/" + jobid))
                .body("jobs.'" + jobid + "'.state", equalTo("ACTIVATED"))
                .body("jobs.'" + jobid + "'.f7t_job_id", notNullValue())
                .body("jobs.'" + jobid + "'.job_state", equalTo("completed"));
        as("dora").get("/api/v1/job/state/" + jobid).then().statusCode(200)
                .body("message", equalTo("Files in the job folder.")).body("files.name", hasItem("output.txt"));
        as("dora").queryParam("jobid", jobid).delete("/api/v1/job/delete").then().statusCode(200);
        as("dora").get("/api/v1/job/state/" + jobid).then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void cancelStopsARunningJob() {
        String jobid = create("dora", Map.of("job_name", "sleeper", "executable_cmd", "sleep 300"));
        as("dora").patch("/api/v1/job/launch/" + jobid).then().statusCode(200);
        await().atMost(FINISH).until(() -> legacyState("dora", jobid).getString("state").equals("running"));
        as("dora").queryParam("jobid", jobid).delete("/api/v1/job/cancel").then().statusCode(200)
                .body("jobid", equalTo(jobid)).body("message", containsString("Cancel"));
        assertEquals("cancelled", awaitFinal("dora", jobid).getString("state"));
    }

    @Test
    void anotherUsersJobIsInvisibleAndPathsStayInTheFolder() {
        String jobid = create("dora", Map.of("job_name", "mine", "executable_cmd", "true"));
        as("eve").get("/api/v1/job/state?jobid=" + jobid).then().statusCode(404);
        as("eve").queryParam("filename", "x").get("/api/v1/file/download/" + jobid).then().statusCode(404);
        as("eve").delete("/api/v1/job/delete/" + jobid).then().statusCode(404);
        as("eve").get("/api/v1/job/").then().statusCode(200).body("jobs", not(org.hamcrest.Matchers.hasKey(jobid)));
        for (String escape : List.of("../../../../etc/passwd", "/etc/passwd", "a/../../x")) {
            as("dora").queryParam("filename", escape).get("/api/v1/file/download/" + jobid).then().statusCode(403)
                    .body("error", equalTo("forbidden"));
            as("dora").multiPart("file", "x.txt", new byte[] {1}).queryParam("filename", escape)
                    .put("/api/v1/file/upload/" + jobid).then().statusCode(403);
        }
        as("dora").get("/api/v1/file/download/" + jobid).then().statusCode(400).body("details.field", equalTo("filename"));
        as("dora").queryParam("jobid", "other").get("/api/v1/file/list/" + jobid).then().statusCode(400)
                .body("details.field", equalTo("jobid"));
        as("dora").contentType("multipart/form-data; boundary=x").body("--x--\r\n".getBytes(StandardCharsets.US_ASCII)).put("/api/v1/file/upload/" + jobid)
                .then().statusCode(400).body("details.field", equalTo("file"));
    }

    @Test
    void badJobFieldsAreNamedInTheLegacyVocabulary() {
        as("dora").contentType(ContentType.JSON).body(Map.of("executable_cmd", "true")).post("/api/v1/job/create")
                .then().statusCode(400).body("details.field", equalTo("job_name"))
                .body("message", containsString("'job_name'"));
        as("dora").contentType(ContentType.JSON).body(Map.of("job_name", "x", "executable_cmd", "true",
                "ntasks_per_node", 0)).post("/api/v1/job/create").then().statusCode(400)
                .body("details.field", equalTo("ntasks_per_node"));
        as("dora").contentType(ContentType.JSON).body(Map.of("job_name", "x", "executable_cmd", "true",
                "ntasks_per_node", "many")).post("/api/v1/job/create").then().statusCode(400)
                .body("details.field", equalTo("ntasks_per_node"));
        as("dora").contentType(ContentType.JSON).body(Map.of("job_name", "x", "executable", "true"))
                .post("/api/v1/job/create").then().statusCode(400).body("details.field", equalTo("executable"))
                .body("message", containsString("executable_cmd"));
    }

    static String create(String user, Map<String, Object> fields) {
        return as(user).contentType(ContentType.JSON).body(fields).post("/api/v1/job/create").then().statusCode(200)
                .extract().path("jobid");
    }

    static JsonPath legacyState(String user, String jobid) {
        return as(user).queryParam("jobid", jobid).get("/api/v1/job/state").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath awaitFinal(String user, String jobid) {
        await().atMost(FINISH).pollInterval(Duration.ofMillis(300))
                .until(() -> FINAL.contains(legacyState(user, jobid).getString("state")));
        return legacyState(user, jobid);
    }
}
