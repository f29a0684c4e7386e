package io.hpcgateway.gateway;

import static io.hpcgateway.gateway.JobFlowTest.as;
import static io.hpcgateway.gateway.JobFlowTest.awaitFinal;
import static io.hpcgateway.gateway.JobFlowTest.create;
import static io.hpcgateway.gateway.JobFlowTest.sha256;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Files above a cluster's direct-transfer limit go through its staging (FirecREST's transfer/upload
 * and transfer/download on a real S3 store), byte for byte and with ranges: when the cluster
 * refuses them with 413 (the front end here takes 2 MiB directly), and, on "metered", when the
 * gateway knows the limit (1 MiB) and stages without trying. The transfer jobs' output logs in the
 * user's directory on the cluster show which way each file went.
 */
@QuarkusTest
@WithTestResource(value = FrontendProcess.class, initArgs = @ResourceArg(name = "staging-direct-limit", value = "2M"))
class StagedTransferTest {

    private static final Path HOME = FrontendProcess.DATA.resolve("frontend/home/alice");

    @Test
    void aFileTheClusterRefusesDirectGoesThroughStagingBothWaysByteForByte() throws Exception {
        byte[] input = new byte[12 * 1024 * 1024 + 5];
        new Random(12).nextBytes(input);
        String id = create("alice", Map.of("name", "staged", "command", "cp input.bin output.bin"));
        List<String> before = transferLogs();
        as("alice").body(input).queryParam("sha256", sha256(input)).put("/api/v2/jobs/" + id + "/files/input.bin")
                .then().statusCode(201).body("size", equalTo(input.length));
        assertEquals(1, newLogsSaying(before, "File was successfully downloaded."), "the upload was staged");

        as("alice").post("/api/v2/jobs/" + id + "/launch").then().statusCode(200);
        assertEquals("completed", awaitFinal("alice", id, JobFlowTest.FINISH).getString("state"));
        before = transferLogs();
        byte[] output = as("alice").get("/api/v2/jobs/" + id + "/files/output.bin").then().statusCode(200)
                .extract().asByteArray();
        assertArrayEquals(input, output);
        byte[] part = as("alice").header("Range", "bytes=7340032-7340131").get("/api/v2/jobs/" + id + "/files/output.bin")
                .then().statusCode(206).header("Content-Range", "bytes 7340032-7340131/" + input.length)
                .extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(input, 7340032, 7340132), part);
        assertEquals(2, newLogsSaying(before, "Multipart file upload successfully completed"),
                "both downloads were staged");
    }

    @Test
    void aClusterWhoseLimitTheGatewayKnowsIsStagedWithoutADirectTry() throws Exception {
        // 1.5 MiB: the front end would take it directly (2 MiB), but "metered" is configured with 1 MiB.
        byte[] input = new byte[3 * 512 * 1024];
        new Random(15).nextBytes(input);
        String id = create("alice", Map.of("name", "metered-staged", "command", "true", "cluster", "metered"));
        List<String> before = transferLogs();
        as("alice").body(input).put("/api/v2/jobs/" + id + "/files/input.bin").then().statusCode(201)
                .body("size", equalTo(input.length));
        assertEquals(1, newLogsSaying(before, "File was successfully downloaded."), "staged on the gateway's own limit");
        before = transferLogs();
        assertArrayEquals(input, as("alice").get("/api/v2/jobs/" + id + "/files/input.bin").then().statusCode(200)
                .extract().asByteArray());
        assertEquals(1, newLogsSaying(before, "Multipart file upload successfully completed"),
                "the download too, after one stat");
        // Small files still go directly.
        before = transferLogs();
        as("alice").body("small").put("/api/v2/jobs/" + id + "/files/small.txt").then().statusCode(201);
        assertEquals(0, newLogsSaying(before, "successfully"));
    }

    @Test
    void aLargeBodyOfUnknownLengthIsRefusedWithWhatToDo() throws Exception {
        String id = create("alice", Map.of("name", "chunked", "command", "true"));
        byte[] input = new byte[3 * 1024 * 1024];
        // Chunked: no Content-Length, so the gateway cannot open a staged upload of the right size.
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + RestAssured.port + "/api/v2/jobs/" + id + "/files/big.bin"))
                .header("Authorization", "Bearer " + Tokens.of("alice"))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(input))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("Content-Length"), answer.body());
        as("alice").get("/api/v2/jobs/" + id + "/files/big.bin").then().statusCode(404)
                .body("message", containsString("big.bin"));
    }

    /** The transfer jobs' output logs in the user's directory on the cluster. */
    private static List<String> transferLogs() {
        if (!Files.isDirectory(HOME)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(HOME)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".f7t_file_handling_job_") && !n.contains("_error_")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long newLogsSaying(List<String> before, String line) {
        return transferLogs().stream().filter(n -> !before.contains(n)).filter(n -> {
            try {
                return Files.readString(HOME.resolve(n)).contains(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).count();
    }
}
