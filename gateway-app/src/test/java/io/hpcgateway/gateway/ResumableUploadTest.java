package io.hpcgateway.gateway;

import static io.hpcgateway.gateway.JobFlowTest.as;
import static io.hpcgateway.gateway.JobFlowTest.create;
import static io.hpcgateway.gateway.JobFlowTest.sha256;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tus route against the real front end: parts streamed to the cluster, a cut-short or
 * damaged part not counted, the joined file verified against the declared SHA-256, and every
 * refusal the protocol defines. The parts' folder is gone once the file is made.
 */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
class ResumableUploadTest {

    private static final String OFFSET_TYPE = "application/offset+octet-stream";

    @Test
    void aFileSentInPartsIsJoinedVerifiedAndItsPartsRemoved() throws Exception {
        byte[] file = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(file);
        String id = create("alice", Map.of("name", "tus", "command", "true"));
        as("alice").header("Tus-Resumable", "1.0.0").options("/api/v2/jobs/" + id + "/uploads").then().statusCode(204)
                .header("Tus-Version", "1.0.0").header("Tus-Extension", "creation,termination,checksum,expiration")
                .header("Tus-Checksum-Algorithm", "sha256");
        String url = createUpload("alice", id, "data/in.bin", file.length, sha256(file));

        head("alice", url).then().statusCode(200).header("Upload-Offset", "0")
                .header("Upload-Length", String.valueOf(file.length)).header("Tus-Resumable", "1.0.0")
                .header("Cache-Control", "no-store");
        int cut = 1024 * 1024;
        patch("alice", url, 0, Arrays.copyOfRange(file, 0, cut)).then().statusCode(204).header("Upload-Offset",
                String.valueOf(cut)).header("Upload-Phase", "receiving");
        // A part sent again from an old offset, or one that does not match its checksum, is not counted.
        patch("alice", url, 0, Arrays.copyOfRange(file, 0, 10)).then().statusCode(409)
                .body("error", equalTo("offset_mismatch")).body("details.offset", equalTo(cut));
        tus("alice").header("Upload-Offset", cut).header("Upload-Checksum", "sha256 " + b64(sha(new byte[] {1})))
                .contentType(OFFSET_TYPE).body(Arrays.copyOfRange(file, cut, cut + 100)).patch(url).then()
                .statusCode(460).body("error", equalTo("checksum_mismatch"));
        head("alice", url).then().header("Upload-Offset", String.valueOf(cut));

        byte[] rest = Arrays.copyOfRange(file, cut, file.length);
        tus("alice").header("Upload-Offset", cut).header("Upload-Checksum", "sha256 " + b64(sha(rest)))
                .contentType(OFFSET_TYPE).body(rest).patch(url).then().statusCode(204)
                .header("Upload-Offset", String.valueOf(file.length)).header("Upload-Phase", "complete")
                .header("Upload-Sha256", sha256(file));
        head("alice", url).then().statusCode(200).header("Upload-Phase", "complete");

        byte[] stored = as("alice").get("/api/v2/jobs/" + id + "/files/data/in.bin").then().statusCode(200)
                .extract().asByteArray();
        assertArrayEquals(file, stored);
        List<String> paths = as("alice").get("/api/v2/jobs/" + id + "/files").then().statusCode(200)
                .extract().jsonPath().getList("path");
        assertTrue(paths.contains("data/in.bin"), paths.toString());
        assertFalse(paths.stream().anyMatch(p -> p.contains(".hpcgw-upload")), "the parts are removed: " + paths);
    }

    @Test
    void aJoinedFileThatDiffersFromTheDeclaredChecksumIsRemoved() throws Exception {
        byte[] file = "the real content\n".getBytes(StandardCharsets.UTF_8);
        String id = create("alice", Map.of("name", "tus-mismatch", "command", "true"));
        String url = createUpload("alice", id, "wrong.txt", file.length, sha256("other content".getBytes()));
        patch("alice", url, 0, file).then().statusCode(422).body("error", equalTo("checksum_mismatch"))
                .body("details.actual", equalTo(sha256(file)));
        as("alice").get("/api/v2/jobs/" + id + "/files/wrong.txt").then().statusCode(404);
        head("alice", url).then().statusCode(404);
    }

    @Test
    void refusalsSayWhatToFix() {
        String id = create("alice", Map.of("name", "tus-refusals", "command", "true"));
        String base = "/api/v2/jobs/" + id + "/uploads";
        as("alice").header("Upload-Length", 5).post(base).then().statusCode(412)
                .body("error", equalTo("unsupported_version")).header("Tus-Version", "1.0.0");
        tus("alice").post(base).then().statusCode(400).body("details.field", equalTo("Upload-Length"));
        tus("alice").header("Upload-Length", 5).post(base).then().statusCode(400).body("details.field", equalTo("path"));
        tus("alice").header("Upload-Length", 5).header("Upload-Metadata", "path " + b64("../../etc/x".getBytes()))
                .post(base).then().statusCode(403);
        tus("alice").header("Upload-Length", 5).header("Upload-Metadata", "path not-base64!").post(base).then()
                .statusCode(400).body("details.field", equalTo("Upload-Metadata"));
        tus("alice").header("Upload-Length", Long.MAX_VALUE).header("Upload-Metadata", "path " + b64("x".getBytes()))
                .post(base).then().statusCode(413);

        String url = createUpload("alice", id, "x.txt", 5, null);
        tus("alice").header("Upload-Offset", 0).contentType("text/plain").body("hello").patch(url).then().statusCode(415);
        tus("alice").header("Upload-Offset", 0).contentType(OFFSET_TYPE).body("hello, too long".getBytes(StandardCharsets.UTF_8)).patch(url).then()
                .statusCode(413).body("details.remaining", equalTo(5));
        head("alice", url).then().header("Upload-Offset", "0");
        tus("alice").header("Upload-Offset", 0).header("Upload-Checksum", "md5 abc").contentType(OFFSET_TYPE)
                .body("hello".getBytes(StandardCharsets.UTF_8)).patch(url).then().statusCode(400).body("details.field", equalTo("Upload-Checksum"));
        // Another user sees no such upload; its owner may stop it, after which it is gone.
        head("bob", url).then().statusCode(404);
        tus("alice").delete(url).then().statusCode(204);
        head("alice", url).then().statusCode(404);
        as("alice").get(base).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aDownloadAskedForItsDigestCarriesTheWholeFilesSha256EvenForARange() throws Exception {
        byte[] file = new byte[200_000];
        new Random(9).nextBytes(file);
        String id = create("alice", Map.of("name", "digest", "command", "true"));
        as("alice").body(file).put("/api/v2/jobs/" + id + "/files/blob.bin").then().statusCode(201);
        String expected = "sha-256=:" + b64(sha(file)) + ":";
        as("alice").header("Want-Repr-Digest", "sha-256=1").get("/api/v2/jobs/" + id + "/files/blob.bin").then()
                .statusCode(200).header("Repr-Digest", expected);
        as("alice").header("Want-Repr-Digest", "sha-256=1").header("Range", "bytes=100-").get("/api/v2/jobs/" + id
                + "/files/blob.bin").then().statusCode(206).header("Repr-Digest", expected)
                .header("Content-Range", startsWith("bytes 100-"));
        Response plain = as("alice").get("/api/v2/jobs/" + id + "/files/blob.bin");
        assertEquals(null, plain.header("Repr-Digest"), "no digest unless asked: it reads the whole file");
    }

    private static String createUpload(String user, String id, String path, long length, String sha256) {
        String metadata = "path " + b64(path.getBytes(StandardCharsets.UTF_8))
                + (sha256 == null ? "" : ",sha256 " + b64(sha256.getBytes(StandardCharsets.US_ASCII)));
        String location = tus(user).header("Upload-Length", length).header("Upload-Metadata", metadata)
                .post("/api/v2/jobs/" + id + "/uploads").then().statusCode(201).header("Tus-Resumable", "1.0.0")
                .extract().header("Location");
        assertTrue(location.startsWith("/api/v2/jobs/" + id + "/uploads/"), location);
        return location;
    }

    private static RequestSpecification tus(String user) {
        return as(user).header("Tus-Resumable", "1.0.0");
    }

    private static Response head(String user, String url) {
        return tus(user).head(url);
    }

    private static Response patch(String user, String url, long offset, byte[] body) {
        return tus(user).header("Upload-Offset", offset).contentType(OFFSET_TYPE).body(body).patch(url);
    }

    private static byte[] sha(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static String b64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
