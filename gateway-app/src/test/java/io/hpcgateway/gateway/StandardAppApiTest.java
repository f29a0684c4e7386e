package io.hpcgateway.gateway;

import static io.hpcgateway.gateway.JobFlowTest.FINISH;
import static io.hpcgateway.gateway.JobFlowTest.as;
import static io.hpcgateway.gateway.support.StandardModels.assertValid;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MarketPlace standard app API end to end on the real scheduler (SLURM in CI); every JSON
 * answer is checked against the standard's models.
 */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
class StandardAppApiTest {

    static final Map<String, Object> UPPERCASE = Map.of("job_name", "upper", "executable_cmd",
            "tr a-z A-Z < in.txt > out.txt");

    @Test
    void healthIsOpenAndInfoNeedsAToken() {
        given().get("/health").then().statusCode(200).contentType(ContentType.HTML).body(containsString("OK"));
        given().get("/info").then().statusCode(401);
        as("fred").get("/info").then().statusCode(200).body("clusters", hasItem("local"))
                .body("apis.standard", containsString("/transformations"));
    }

    @Test
    void aTransformationRunsOnItsCollectionsData() {
        String id = newTransformation(Map.of("parameters", UPPERCASE));
        String one = as("fred").get("/transformations/" + id).then().statusCode(200)
                .body("state", equalTo("CREATED")).body("parameters", equalTo(UPPERCASE)).extract().asString();
        assertValid("TransformationModel", one);
        assertState(id, "CREATED");

        String created = as("fred").multiPart("file", "in.txt", "standard data".getBytes(StandardCharsets.UTF_8))
                .put("/data/" + id + "/").then().statusCode(201).body("id", equalTo("in.txt")).extract().asString();
        assertValid("DatasetCreateResponse", created);
        as("fred").head("/data/" + id + "/in.txt").then().statusCode(200).header("Content-Length", "13")
                .header("Last-Modified", org.hamcrest.Matchers.notNullValue());
        as("fred").multiPart("file", "upload-name.txt", "named".getBytes(StandardCharsets.UTF_8))
                .queryParam("dataset_name", "chosen.txt").put("/data/" + id + "/").then().statusCode(201)
                .body("id", equalTo("chosen.txt"));
        as("fred").head("/data/" + id + "/chosen.txt").then().statusCode(200).header("Content-Length", "5");
        as("fred").head("/data/" + id + "/upload-name.txt").then().statusCode(404);
        as("fred").delete("/data/" + id + "/chosen.txt").then().statusCode(204);
        as("fred").head("/data/" + id).then().statusCode(204);
        assertValid("DatasetResponseModel", as("fred").get("/data/" + id).then().statusCode(200)
                .body("items.name", hasItem("in.txt")).body("items.find { it.name == 'in.txt' }.bytes", equalTo(13))
                .extract().asString());
        assertValid("CollectionResponseModel", as("fred").get("/data").then().statusCode(200)
                .body("items.name", hasItem(id)).extract().asString());
        as("fred").put("/data/" + id).then().statusCode(202);

        assertValid("TransformationUpdateResponse", as("fred").contentType(ContentType.JSON)
                .body(Map.of("state", "RUNNING")).patch("/transformations/" + id).then().statusCode(200)
                .body("state", equalTo("RUNNING")).extract().asString());
        awaitState(id, "COMPLETED");
        assertEquals("STANDARD DATA", as("fred").get("/data/" + id + "/out.txt").then().statusCode(200)
                .extract().asString());
        as("fred").contentType(ContentType.JSON).body(Map.of("state", "STOPPED")).patch("/transformations/" + id)
                .then().statusCode(409).body("details.state", equalTo("COMPLETED"));
        assertValid("TransformationListResponse", as("fred").get("/transformations").then().statusCode(200)
                .body("items.id", hasItem(id)).extract().asString());

        as("fred").delete("/data/" + id).then().statusCode(409).body("error", equalTo("conflict"));
        as("fred").delete("/transformations/" + id).then().statusCode(204);
        as("fred").get("/transformations/" + id).then().statusCode(404);
        as("fred").get("/data/" + id).then().statusCode(404);
    }

    @Test
    void runningAtCreationThenStoppedCancelsTheJob() {
        String id = newTransformation(Map.of("parameters", Map.of("job_name", "long", "executable_cmd", "sleep 300"),
                "state", "RUNNING"));
        assertState(id, "RUNNING");
        as("fred").contentType(ContentType.JSON).body(Map.of("state", "RUNNING")).patch("/transformations/" + id)
                .then().statusCode(200).body("state", equalTo("RUNNING"));
        as("fred").contentType(ContentType.JSON).body(Map.of("state", "STOPPED")).patch("/transformations/" + id)
                .then().statusCode(200).body("state", equalTo("STOPPED"));
        assertState(id, "STOPPED");
        await().atMost(FINISH).until(() -> as("fred").get("/api/v2/jobs/" + id).then().extract().path("state")
                .equals("cancelled"));
        assertState(id, "STOPPED");
        as("fred").contentType(ContentType.JSON).body(Map.of("state", "RUNNING")).patch("/transformations/" + id)
                .then().statusCode(409);
    }

    @Test
    void datasetsAreFilesOfTheCollectionAndStayInIt() {
        String id = newTransformation(Map.of("parameters", UPPERCASE));
        as("fred").multiPart("file", "ignored.bin", new byte[] {1, 2, 3}).put("/data/" + id + "/inputs/raw.bin")
                .then().statusCode(201).body("id", equalTo("inputs/raw.bin"));
        as("fred").get("/data/" + id + "/inputs/raw.bin").then().statusCode(200)
                .contentType("application/octet-stream");
        as("fred").multiPart("file", "x", new byte[] {1}).put("/data/" + id + "/../../escape.bin").then()
                .statusCode(org.hamcrest.Matchers.oneOf(400, 403, 404));
        as("gina").get("/data/" + id + "/inputs/raw.bin").then().statusCode(404);
        as("gina").get("/data").then().statusCode(204);
        as("gina").head("/data/" + id).then().statusCode(404);
        as("fred").delete("/data/" + id + "/inputs/raw.bin").then().statusCode(204);
        as("fred").head("/data/" + id + "/inputs/raw.bin").then().statusCode(404);
        as("fred").delete("/data/" + id + "/inputs").then().statusCode(204);
        as("fred").delete("/data/" + id).then().statusCode(204);
        as("fred").get("/transformations/" + id).then().statusCode(404);
    }

    @Test
    void invalidRequestsAreRefusedWithTheFieldToFix() {
        as("fred").contentType(ContentType.JSON).body(Map.of("parameters", UPPERCASE, "state", "STOPPED"))
                .post("/transformations").then().statusCode(422).body("details.field", equalTo("state"))
                .body("detail[0].loc", equalTo(List.of("body", "state"))).body("detail[0].type", equalTo("value_error"));
        as("fred").contentType(ContentType.JSON).body(Map.of("state", "CREATED")).post("/transformations").then()
                .statusCode(422).body("details.field", equalTo("parameters"));
        String invalid = as("fred").contentType(ContentType.JSON).body(Map.of("parameters", Map.of("job_name", "x")))
                .post("/transformations").then().statusCode(422).body("message", containsString("executable_cmd"))
                .extract().asString();
        assertValid("HTTPValidationError", invalid);
        String id = newTransformation(Map.of("parameters", UPPERCASE));
        for (String notSettable : new String[] {"COMPLETED", "FAILED", "CREATED"}) {
            as("fred").contentType(ContentType.JSON).body(Map.of("state", notSettable)).patch("/transformations/" + id)
                    .then().statusCode(409).body("details.state", equalTo(notSettable));
        }
        as("fred").contentType(ContentType.JSON).body(Map.of("state", "BANANA")).patch("/transformations/" + id)
                .then().statusCode(422).body("details.field", equalTo("state"));
        as("fred").contentType(ContentType.JSON).body(Map.of("state", "STOPPED")).patch("/transformations/" + id)
                .then().statusCode(409).body("details.state", equalTo("CREATED"));
        as("fred").contentType(ContentType.JSON).body(Map.of("state", "RUNNING"))
                .patch("/transformations/" + "00000000-0000-4000-8000-000000000000").then().statusCode(404);
        as("fred").put("/data/00000000-0000-4000-8000-000000000000").then().statusCode(404);
        as("fred").get("/transformations?limit=0").then().statusCode(422).body("details.field", equalTo("limit"))
                .body("detail[0].loc", equalTo(List.of("query", "limit")));
        as("fred").multiPart("other", "x", new byte[] {1}).put("/data/" + id + "/").then().statusCode(422)
                .body("details.field", equalTo("file"));
        as("fred").get("/transformations").then().statusCode(200).body("items.id", hasItems(id));
    }

    static String newTransformation(Map<String, Object> body) {
        String answer = as("fred").contentType(ContentType.JSON).body(body).post("/transformations").then()
                .statusCode(200).extract().asString();
        assertValid("TransformationCreateResponse", answer);
        return io.restassured.path.json.JsonPath.from(answer).getString("id");
    }

    static void assertState(String id, String state) {
        assertValid("TransformationStateResponse", as("fred").get("/transformations/" + id + "/state").then()
                .statusCode(200).body("id", equalTo(id)).body("state", equalTo(state)).extract().asString());
    }

    static void awaitState(String id, String state) {
        await().atMost(FINISH).pollInterval(Duration.ofMillis(300)).until(() -> as("fred")
                .get("/transformations/" + id + "/state").then().extract().path("state").equals(state));
    }
}
