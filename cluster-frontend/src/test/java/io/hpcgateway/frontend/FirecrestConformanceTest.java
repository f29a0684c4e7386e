package io.hpcgateway.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The front end's published OpenAPI document (openapi/cluster-frontend.json, which LocalBackendTest
 * holds equal to the served one) against FirecREST v2's API, operation by operation: every one of
 * its 35 operations with its success status, query parameters, body fields and top-level answer
 * fields, from src/test/resources/firecrest-v2/operations.json. A missing operation or field fails.
 */
class FirecrestConformanceTest {

    private static JsonNode document;
    private static JsonNode expected;
    private static Map<String, JsonNode> pathsByShape;

    @BeforeAll
    static void load() throws IOException {
        ObjectMapper json = new ObjectMapper();
        document = json.readTree(Path.of("../openapi/cluster-frontend.json").toFile());
        try (InputStream in = FirecrestConformanceTest.class.getResourceAsStream("/firecrest-v2/operations.json")) {
            expected = json.readTree(in);
        }
        pathsByShape = new LinkedHashMap<>();
        document.get("paths").fields().forEachRemaining(e -> pathsByShape.put(shape(e.getKey()), e.getValue()));
    }

    @Test
    void everyFirecrestOperationIsServedWithItsStatusParametersAndFields() {
        List<String> gaps = new ArrayList<>();
        int operations = 0;
        for (JsonNode op : expected.get("operations")) {
            operations++;
            String method = op.get("method").asText();
            String name = method.toUpperCase() + " " + op.get("path").asText();
            JsonNode path = pathsByShape.get(shape(op.get("path").asText()));
            JsonNode operation = path == null ? null : path.get(method);
            if (operation == null) {
                gaps.add(name + ": missing");
                continue;
            }
            String status = op.get("status").asText();
            JsonNode response = operation.path("responses").get(status);
            if (response == null) {
                gaps.add(name + ": no " + status + " answer");
            }
            Set<String> query = new HashSet<>();
            operation.path("parameters").forEach(p -> {
                if ("query".equals(p.path("in").asText())) {
                    query.add(p.get("name").asText());
                }
            });
            op.path("query").forEach(q -> {
                if (!query.contains(q.asText())) {
                    gaps.add(name + ": no query parameter '" + q.asText() + "'");
                }
            });
            Set<String> body = properties(operation.path("requestBody").path("content").path("application/json").path("schema"));
            op.path("body").forEach(f -> {
                if (!body.contains(f.asText())) {
                    gaps.add(name + ": the body has no field '" + f.asText() + "' (it has " + body + ")");
                }
            });
            Set<String> answer = response == null ? Set.of()
                    : properties(response.path("content").path("application/json").path("schema"));
            op.path("response").forEach(f -> {
                if (!answer.contains(f.asText())) {
                    gaps.add(name + ": the " + status + " answer has no field '" + f.asText() + "' (it has " + answer + ")");
                }
            });
        }
        assertEquals(35, operations, "FirecREST v2 has 35 operations");
        assertTrue(gaps.isEmpty(), "Where the front end departs from FirecREST v2:\n  " + String.join("\n  ", gaps));
    }

    @Test
    void theTransferModelsCarryFirecrestsFields() {
        List<String> gaps = new ArrayList<>();
        expected.get("schemas").fields().forEachRemaining(e -> {
            JsonNode schema = document.path("components").path("schemas").get(e.getKey());
            Set<String> fields = schema == null ? Set.of() : properties(schema);
            e.getValue().forEach(f -> {
                if (!fields.contains(f.asText())) {
                    gaps.add(e.getKey() + " has no field '" + f.asText() + "'");
                }
            });
        });
        assertTrue(gaps.isEmpty(), String.join("\n", gaps));
    }

    /** A path with its parameters as {} and no trailing slash: FirecREST names them system_name and job_id, we system and jobId. */
    private static String shape(String path) {
        String shaped = path.replaceAll("\\{[^}]*}", "{}");
        return shaped.endsWith("/") ? shaped.substring(0, shaped.length() - 1) : shaped;
    }

    private static Set<String> properties(JsonNode schema) {
        JsonNode resolved = schema;
        while (resolved.has("$ref")) {
            String ref = resolved.get("$ref").asText();
            resolved = document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        Set<String> names = new HashSet<>();
        resolved.path("properties").fieldNames().forEachRemaining(names::add);
        resolved.path("allOf").forEach(part -> names.addAll(properties(part)));
        return names;
    }
}
