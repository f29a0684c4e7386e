package io.hpcgateway.frontend.transfer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.frontend.LocalBackendProfile;
import io.hpcgateway.frontend.filesystem.UserPaths;
import io.hpcgateway.frontend.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What is staged expires, on the real store: the sweeper removes a completed object and an
 * unfinished multipart upload once they are older than {@code frontend.staging.expiry}, not before.
 */
@QuarkusTest
@TestProfile(LocalBackendProfile.class)
class StagingExpiryTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    StagingSweeper sweeper;

    @Inject
    Staging staging;

    @Inject
    UserPaths paths;

    @Test
    void stagedObjectsAndUnfinishedUploadsGoOnceExpiredNotBefore() throws Exception {
        JsonPath completed = openUpload();
        String part = completed.getString("transferDirectives.partsUploadUrls[0]");
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(part))
                .PUT(HttpRequest.BodyPublishers.ofString("0123456789")).build());
        assertEquals(200, put.statusCode(), put.body());
        String etag = put.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> complete = send(HttpRequest.newBuilder(URI.create(
                completed.getString("transferDirectives.completeUploadUrl"))).POST(HttpRequest.BodyPublishers.ofString(
                "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + etag
                        + "</ETag></Part></CompleteMultipartUpload>")).build());
        assertEquals(200, complete.statusCode(), complete.body());
        String object = objectPath(part);
        JsonPath unfinished = openUpload();
        String uploadId = uploadId(unfinished.getString("transferDirectives.partsUploadUrls[0]"));

        sweeper.sweep(Instant.now());
        assertTrue(exists(object), "a fresh object stays");
        assertTrue(pending(uploadId), "a fresh upload stays");

        assertTrue(sweeper.sweep(Instant.now().plus(Duration.ofHours(25))) >= 2);
        assertFalse(exists(object), "the expired object is gone");
        assertFalse(pending(uploadId), "the expired upload is aborted");
    }

    /** An upload of 10 bytes into alice's folder; its job is cancelled, so only the sweeper cleans up. */
    private JsonPath openUpload() {
        String target = paths.homeOf("alice").resolve("expiring-" + System.nanoTime() + ".bin").toString();
        JsonPath upload = given().auth().oauth2(TestTokens.valid("alice")).contentType(ContentType.JSON)
                .body(Map.of("path", target, "transferDirectives", Map.of("transferMethod", "s3", "fileSize", 10)))
                .post("/filesystem/local/transfer/upload").then().statusCode(201).extract().jsonPath();
        given().auth().oauth2(TestTokens.valid("alice")).delete("/compute/local/jobs/"
                + upload.getString("transferJob.jobId")).then().statusCode(204);
        return upload;
    }

    private boolean exists(String bucketAndKey) {
        int slash = bucketAndKey.indexOf('/');
        S3Client client = staging.client();
        return client.listObjectsV2(b -> b.bucket(bucketAndKey.substring(0, slash))).contents().stream()
                .anyMatch(o -> o.key().equals(bucketAndKey.substring(slash + 1)));
    }

    private boolean pending(String uploadId) {
        S3Client client = staging.client();
        return client.listMultipartUploads(b -> b.bucket("hpcgw-alice")).uploads().stream()
                .anyMatch(u -> u.uploadId().equals(uploadId));
    }

    /** "bucket/key" of a path-style presigned URL. */
    private static String objectPath(String url) {
        return URI.create(url).getPath().substring(1);
    }

    private static String uploadId(String url) {
        for (String parameter : URI.create(url).getQuery().split("&")) {
            if (parameter.startsWith("uploadId=")) {
                return parameter.substring("uploadId=".length());
            }
        }
        throw new AssertionError("no uploadId in " + url);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
