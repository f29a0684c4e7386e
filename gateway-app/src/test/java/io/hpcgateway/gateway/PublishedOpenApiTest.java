package io.hpcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code openapi/} must be what the code serves: the packaging build writes it, and this test
 * fails when a change to the routes was not followed by committing the regenerated files.
 */
@QuarkusTest
class PublishedOpenApiTest {

    static final Path PUBLISHED = Path.of("../openapi");
    static final String REGENERATE = "; regenerate with `mvn -B -DskipTests package` (it writes openapi/) and commit";
    /** Health, heartbeat, and what a browser needs before it has a token: how to log in, and the dev mode's login. */
    static final Set<String> PUBLIC = Set.of("/health", "/heartbeat", "/api/v2/ui/config", "/api/v2/dev/login");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theGatewayDocumentIsPublished() throws Exception {
        assertPublished("/q/openapi", "hpc-gateway.json");
    }

    @Test
    void theMarketplaceRegistrationIsPublished() throws Exception {
        JsonNode served = assertPublished("/q/openapi-marketplace", "marketplace-registration.json");
        List<String> operationIds = new ArrayList<>();
        served.get("paths").forEach(item -> item.forEach(operation -> operationIds.add(operation.get("operationId").asText())));
        assertTrue(operationIds.containsAll(List.of("heartbeat", "createOrUpdateCollection", "newTransformation",
                "updateTransformation", "getTransformationState", "deleteTransformation", "getDataset", "createDataset",
                "deleteDataset", "getTransformationList", "getTransformation", "listCollections", "listDatasets")),
                operationIds.toString());
        assertTrue(served.at("/servers/0/url").asText().startsWith("http"), "servers[0].url is set");
        assertEquals("HPC Gateway", served.at("/info/x-application-name").asText());
        assertTrue(served.at("/info/x-api-version").isTextual() && served.at("/info/x-products/0/name").isTextual());
        // Only the models its operations use: the gateway's other models (billing, audit...) stay out.
        String text = served.toString();
        List<String> unused = new ArrayList<>();
        served.at("/components/schemas").fieldNames().forEachRemaining(name -> {
            if (!text.contains("\"#/components/schemas/" + name + "\"")) {
                unused.add(name);
            }
        });
        assertEquals(List.of(), unused, "schemas no operation refers to");
        assertTrue(served.at("/components/schemas/Invoice").isMissingNode());
    }

    @Test
    void theRegistrationFollowsStandardAppApi060ToTheLetter() throws Exception {
        JsonNode served = JSON.readTree(given().get("/q/openapi-marketplace?format=json").then().statusCode(200)
                .extract().asString());
        JsonNode standard = JSON.readTree(PublishedOpenApiTest.class.getResourceAsStream("/standard-app-api/operations.json"));
        assertEquals(standard.get("version").asText(), served.at("/info/x-api-version").asText());
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        standard.get("operations").forEach(op -> byId.put(op.get("operationId").asText(), op));
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = served.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String id = op.getValue().get("operationId").asText();
                JsonNode expected = byId.get(id);
                assertTrue(expected != null, id + " is not an operation of the standard");
                assertEquals(expected.get("method").asText() + " " + expected.get("path").asText(),
                        op.getKey().toUpperCase() + " " + path.getKey(), id);
                List<String> pathParameters = new ArrayList<>();
                op.getValue().path("parameters").forEach(parameter -> {
                    if ("path".equals(parameter.get("in").asText())) {
                        pathParameters.add(parameter.get("name").asText());
                    }
                });
                List<String> standardParameters = new ArrayList<>();
                expected.get("pathParameters").forEach(name -> standardParameters.add(name.asText()));
                if (!"updateTransformation".equals(id)) { // the standard declares ?id= there, its path says transformation_id
                    assertEquals(standardParameters, pathParameters, id + " path parameters");
                }
                checked++;
            }
        }
        assertTrue(checked >= 18, "the standard's transformation, data and system operations: " + checked);
    }

    @Test
    void theLegacyRegistrationIsTheOriginalOnesForItsSdk() throws Exception {
        JsonNode served = assertPublished("/q/openapi-marketplace-v1", "marketplace-registration-v1.json");
        assertEquals("0.3.0", served.at("/info/x-api-version").asText(), "hpc_gateway_sdk asserts 0.3.0");
        Map<String, String> routes = new java.util.TreeMap<>();
        served.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                routes.put(op.getValue().get("operationId").asText(), op.getKey().toUpperCase() + " " + path.getKey())));
        assertEquals(new java.util.TreeMap<>(Map.of(
                "heartbeat", "GET /heartbeat",
                "createOrUpdateCollection", "PUT /api/v1/user/create",
                "newTransformation", "POST /api/v1/job/create",
                "updateTransformation", "PATCH /api/v1/job/launch/{jobid}",
                "getTransformationState", "GET /api/v1/job/state/{jobid}",
                "deleteTransformation", "DELETE /api/v1/job/cancel/{jobid}",
                "getDataset", "GET /api/v1/file/download/{jobid}",
                "createDataset", "PUT /api/v1/file/upload/{jobid}",
                "deleteDataset", "DELETE /api/v1/file/delete/{jobid}")), routes,
                "the original's openAPI-*-v2.yml capabilities, on its routes");
        assertTrue(served.at("/servers/0/url").asText().startsWith("http"), "servers[0].url is set");
    }

    @Test
    void everyOperationIsNamedAndEveryNonPublicOneNeedsAToken() throws Exception {
        JsonNode document = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                assertTrue(op.getValue().hasNonNull("operationId") && op.getValue().hasNonNull("summary"), where);
                boolean secured = op.getValue().has("security");
                assertEquals(!PUBLIC.contains(path.getKey()), secured, where + " security");
                if (secured) {
                    assertTrue(op.getValue().at("/responses/401").isObject(), where + " documents 401");
                }
            }
        }
    }

    private static JsonNode assertPublished(String route, String file) throws Exception {
        JsonNode served = JSON.readTree(given().get(route + "?format=json").then().statusCode(200).extract().asString());
        Path published = PUBLISHED.resolve(file);
        assertTrue(Files.isRegularFile(published), published + " is missing" + REGENERATE);
        List<String> differences = new ArrayList<>();
        diff("", JSON.readTree(published.toFile()), served, differences);
        assertEquals(List.of(), differences, file + " differs from " + route + REGENERATE);
        return served;
    }

    /** JSON pointers where the two documents differ, at most a few levels deep for a readable message. */
    private static void diff(String at, JsonNode published, JsonNode served, List<String> out) {
        if (published.equals(served)) {
            return;
        }
        if (!published.isObject() || !served.isObject()) {
            out.add(at);
            return;
        }
        Set<String> names = new java.util.TreeSet<>();
        published.fieldNames().forEachRemaining(names::add);
        served.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            String pointer = at + "/" + name;
            if (!published.has(name) || !served.has(name)) {
                out.add(pointer + (published.has(name) ? " (gone)" : " (new)"));
            } else {
                diff(pointer, published.get(name), served.get(name), out);
            }
        }
    }
}
