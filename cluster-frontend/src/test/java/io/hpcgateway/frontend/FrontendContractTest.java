package io.hpcgateway.frontend;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.frontend.filesystem.UserPaths;
import io.hpcgateway.frontend.support.Poll;
import io.hpcgateway.frontend.support.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The FirecREST contract, through HTTP with real tokens, against whichever backend the subclass's
 * profile selects. Both backends must behave the same; each test works in a fresh directory.
 */
abstract class FrontendContractTest {

    static final String ALICE = "alice";
    static final String BOB = "bob";
    static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY");
    static final Duration JOB_DEADLINE = Duration.ofSeconds(60);
    /** SLURM rounds any time limit up to a minute and enforces it late: TIMEOUT comes 70-85 s after submit. */
    static final Duration TIMEOUT_DEADLINE = Duration.ofSeconds(150);

    @Inject
    UserPaths paths;

    Path workDir;
    Path outside;

    abstract String system();

    @BeforeEach
    void freshDirectories(TestInfo test) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
        workDir = paths.homeOf(ALICE).resolve(getClass().getSimpleName()).resolve(name);
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", workDir.toString(), "parent", true))
                .post(fs("mkdir")).then().statusCode(201).body("output.type", equalTo("d"));
        outside = Files.createTempDirectory("outside-");
        Files.writeString(outside.resolve("secret.txt"), "outside");
    }

    @AfterEach
    void outsideIsUntouched() throws Exception {
        try (Stream<Path> files = Files.list(outside)) {
            assertEquals(List.of(outside.resolve("secret.txt")), files.toList(), "nothing may be written outside");
        }
        assertEquals("outside", Files.readString(outside.resolve("secret.txt")));
    }

    // ---- files ----------------------------------------------------------------------------------

    @Test
    void uploadListDownloadKeepBytesAndChecksum() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        as(ALICE).queryParam("path", workDir.toString()).multiPart("file", "input.bin", data)
                .post(fs("upload")).then().statusCode(204);

        as(ALICE).queryParam("path", workDir.toString()).get(fs("ls")).then().statusCode(200)
                .body("output.name", hasItem("input.bin"))
                .body("output.find { it.name == 'input.bin' }.size", equalTo(Integer.toString(data.length)));
        byte[] back = as(ALICE).queryParam("path", file("input.bin")).get(fs("download")).then().statusCode(200)
                .extract().asByteArray();
        assertArrayEquals(data, back);
        as(ALICE).queryParam("path", file("input.bin")).get(fs("checksum")).then().statusCode(200)
                .body("output.algorithm", equalTo("SHA256"))
                .body("output.checksum", equalTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data))));
        byte[] range = as(ALICE).header("Range", "bytes=100-199").queryParam("path", file("input.bin"))
                .get(fs("download")).then().statusCode(206).header("Content-Range", "bytes 100-199/" + data.length)
                .extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(data, 100, 200), range);
    }

    @Test
    void transfersAboveTheDirectLimitAnswer413() throws Exception {
        try (RandomAccessFile big = new RandomAccessFile(workDir.resolve("big.bin").toFile(), "rw")) {
            big.setLength(17L * 1024 * 1024); // sparse: over the profile's 16M limit, no disk used
        }
        as(ALICE).queryParam("path", file("big.bin")).get(fs("download")).then().statusCode(413)
                .body("error", equalTo("too_large"));
        byte[] data = new byte[17 * 1024 * 1024];
        // Refused by the HTTP layer from Content-Length, before any byte reaches the disk.
        as(ALICE).queryParam("path", workDir.toString()).multiPart("file", "too-big.bin", data)
                .post(fs("upload")).then().statusCode(413);
        assertFalse(Files.exists(workDir.resolve("too-big.bin")));
    }

    @Test
    void headTailViewStatAndDirectoryOperations() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            text.append("line ").append(i).append('\n');
        }
        own(Files.writeString(workDir.resolve("lines.txt"), text), ALICE);
        as(ALICE).queryParam("path", file("lines.txt")).queryParam("lines", 2).get(fs("head")).then().statusCode(200)
                .body("output.content", equalTo("line 1\nline 2\n")).body("output.contentType", equalTo("lines"));
        as(ALICE).queryParam("path", file("lines.txt")).queryParam("lines", 2).get(fs("tail")).then().statusCode(200)
                .body("output.content", equalTo("line 19\nline 20\n"));
        as(ALICE).queryParam("path", file("lines.txt")).queryParam("bytes", 7).get(fs("head")).then().statusCode(200)
                .body("output.content", equalTo("line 1\n")).body("output.contentType", equalTo("bytes"));
        // skipHeading is tail's "+N", as in FirecREST: the output starts at line N.
        as(ALICE).queryParam("path", file("lines.txt")).queryParam("lines", 19).queryParam("skipHeading", true)
                .get(fs("tail")).then().statusCode(200).body("output.content", equalTo("line 19\nline 20\n"))
                .body("output.startPosition", equalTo(19));
        as(ALICE).queryParam("path", file("lines.txt")).queryParam("bytes", text.length() - 7)
                .queryParam("skipHeading", true).get(fs("tail")).then().statusCode(200)
                .body("output.content", equalTo("line 20\n")); // from byte length-7 on: the last 8 bytes
        as(ALICE).queryParam("path", file("lines.txt")).queryParam("offset", 5).queryParam("size", 3)
                .get(fs("view")).then().statusCode(200).body("output", equalTo("1\nl"));
        as(ALICE).queryParam("path", file("lines.txt")).queryParam("bytes", "ten").get(fs("head")).then()
                .statusCode(400).body("message", containsString("'bytes' must be a whole number"));
        as(ALICE).queryParam("path", file("lines.txt")).get(fs("stat")).then().statusCode(200)
                .body("output.size", equalTo(text.length()));

        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("lines.txt"), "mode", "600"))
                .put(fs("chmod")).then().statusCode(200).body("output.permissions", equalTo("rw-------"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("lines.txt"), "linkPath", file("link.txt")))
                .post(fs("symlink")).then().statusCode(201).body("output.type", equalTo("l"));
        as(ALICE).queryParam("path", file("link.txt")).queryParam("lines", 1).get(fs("head")).then().statusCode(200)
                .body("output.content", equalTo("line 1\n"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("a/b/c"), "parent", false))
                .post(fs("mkdir")).then().statusCode(400).body("details.fields[0].name", equalTo("path"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("a/b/c"), "parent", true))
                .post(fs("mkdir")).then().statusCode(201);
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("a/b/c"), "parent", false))
                .post(fs("mkdir")).then().statusCode(409);
        as(ALICE).queryParam("path", file("a")).delete(fs("rm")).then().statusCode(204);
        assertFalse(Files.exists(workDir.resolve("a")));
        as(ALICE).queryParam("path", file("a")).delete(fs("rm")).then().statusCode(404);
        for (String op : List.of("head", "tail", "view", "checksum", "download", "ls", "stat")) {
            // pyfirecrest raises FileNotFoundError on these words only.
            as(ALICE).queryParam("path", file("missing.txt")).get(fs(op)).then().statusCode(404)
                    .body("message", containsString("No such file or directory"));
        }
        as(ALICE).queryParam("path", workDir.toString()).get(fs("head")).then().statusCode(400)
                .body("message", containsString("not a regular file"));
    }

    @Test
    void everySpellingFirecrestTakesIsTakenAndTheMissingOnesNameTheBody() throws Exception {
        // pyfirecrest's own bodies: sourcePath for mkdir and symlink, link_path, working_directory.
        as(ALICE).contentType(ContentType.JSON).body(Map.of("sourcePath", file("x/y"), "parent", true))
                .post(fs("mkdir")).then().statusCode(201).body("output.type", equalTo("d"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("source_path", file("z"))).post(fs("mkdir")).then()
                .statusCode(201);
        as(ALICE).contentType(ContentType.JSON).body(Map.of("sourcePath", file("z"), "link_path", file("zlink")))
                .post(fs("symlink")).then().statusCode(201).body("output.type", equalTo("l"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("source_path", file("z"), "mode", "700"))
                .put(fs("chmod")).then().statusCode(200).body("output.permissions", equalTo("rwx------"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("parent", true)).post(fs("mkdir")).then().statusCode(400)
                .body("details.fields[0].location", equalTo("body")).body("details.fields[0].name", equalTo("path"));
        long id = as(ALICE).contentType(ContentType.JSON).body(Map.of("job", Map.of("working_directory",
                        workDir.toString(), "script", "#!/bin/bash\necho spelled > spelled.txt\n", "standard_output",
                        "spelled.out", "environment", Map.of("WHO", "pyfirecrest"))))
                .post(jobs()).then().statusCode(201).extract().jsonPath().getLong("jobId");
        assertEquals("COMPLETED", awaitFinal(ALICE, id, JOB_DEADLINE).getString("status.state"));
        assertTrue(Files.exists(workDir.resolve("spelled.out")), "standard_output was taken");
    }

    @Test
    void fileTypeChownAndReservations() throws Exception {
        own(Files.writeString(workDir.resolve("notes.txt"), "plain words\n"), ALICE);
        as(ALICE).queryParam("path", file("notes.txt")).get(fs("file")).then().statusCode(200)
                .body("output", containsString("text"));
        as(ALICE).queryParam("path", workDir.toString()).get(fs("file")).then().statusCode(200)
                .body("output", equalTo("directory"));
        String group = as(ALICE).queryParam("path", file("notes.txt")).get(fs("ls")).then().statusCode(200)
                .extract().path("output[0].group");
        as(ALICE).contentType(ContentType.JSON).body(Map.of("sourcePath", file("notes.txt"), "group", group))
                .put(fs("chown")).then().statusCode(200).body("output.group", equalTo(group))
                .body("output.name", equalTo("notes.txt"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("notes.txt"), "owner", "a b"))
                .put(fs("chown")).then().statusCode(400).body("details.fields[0].name", equalTo("owner"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("notes.txt"))).put(fs("chown")).then()
                .statusCode(400);
        as(ALICE).get("/status/" + system() + "/reservations").then().statusCode(200)
                .body("reservations", notNullValue());
    }

    @Test
    void compressAndExtractRoundTripAndStayInTheUsersDirectories() throws Exception {
        Files.createDirectories(workDir.resolve("data/sub"));
        own(Files.writeString(workDir.resolve("data/a.txt"), "alpha\n"), ALICE);
        own(Files.writeString(workDir.resolve("data/sub/b.dat"), "beta\n"), ALICE);
        own(workDir.resolve("data/sub"), ALICE);
        own(workDir.resolve("data"), ALICE);
        for (String compression : List.of("gzip", "none", "bzip2", "xz")) {
            String archive = file("data-" + compression + ".tar");
            as(ALICE).contentType(ContentType.JSON).body(Map.of("sourcePath", file("data"), "targetPath", archive,
                    "compression", compression)).post(fs("compress")).then().statusCode(204);
            as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("out-" + compression), "parent", true))
                    .post(fs("mkdir")).then().statusCode(201);
            as(ALICE).contentType(ContentType.JSON).body(Map.of("source_path", archive, "target_path",
                    file("out-" + compression), "compression", compression)).post(fs("extract")).then().statusCode(204);
            assertEquals("beta\n", Files.readString(workDir.resolve("out-" + compression + "/data/sub/b.dat")),
                    compression);
        }
        // Only the files whose path matches, as FirecREST's matchPattern (find -regex) selects them.
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("data"), "targetPath", file("txt.tgz"),
                "matchPattern", ".*\\.txt")).post(fs("compress")).then().statusCode(204);
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("only-txt"), "parent", true))
                .post(fs("mkdir")).then().statusCode(201);
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("txt.tgz"), "targetPath", file("only-txt")))
                .post(fs("extract")).then().statusCode(204);
        assertTrue(Files.exists(workDir.resolve("only-txt/a.txt")));
        assertFalse(Files.exists(workDir.resolve("only-txt/sub/b.dat")));

        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("data"), "targetPath", file("x.tar"),
                "compression", "zip")).post(fs("compress")).then().statusCode(400)
                .body("details.fields[0].name", equalTo("compression"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", outside.toString(), "targetPath",
                file("stolen.tgz"))).post(fs("compress")).then().statusCode(403);
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("data-gzip.tar"), "targetPath",
                outside.toString())).post(fs("extract")).then().statusCode(403);
        assertFalse(Files.exists(workDir.resolve("stolen.tgz")));

        // A hostile archive: a member named ../landed.txt would land beside the target, not in it.
        own(Files.writeString(workDir.resolve("landed.txt"), "mine\n"), ALICE);
        Process tar = new ProcessBuilder("tar", "-cPf", workDir.resolve("evil.tar").toString(), "../landed.txt")
                .directory(workDir.resolve("data").toFile()).redirectErrorStream(true).start();
        assertEquals(0, tar.waitFor(), new String(tar.getInputStream().readAllBytes()));
        own(workDir.resolve("evil.tar"), ALICE);
        Files.delete(workDir.resolve("landed.txt"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("evil.tar"), "targetPath", file("data"),
                "compression", "none")).post(fs("extract")).then().statusCode(422)
                .body("message", containsString("outside"));
        assertFalse(Files.exists(workDir.resolve("landed.txt")), "nothing landed beside the target");
    }

    // ---- transfers (jobs) ------------------------------------------------------------------------

    @Test
    void transferJobsCopyMoveCompressExtractAndRemoveAsTheUser() throws Exception {
        own(Files.writeString(workDir.resolve("a.txt"), "alpha\n"), ALICE);
        awaitTransfer(ALICE, as(ALICE).contentType(ContentType.JSON).body(Map.of("sourcePath", file("a.txt"),
                "targetPath", file("b.txt"))).post(transfer("cp")).then().statusCode(201).extract().jsonPath(),
                "Files were successfully copied.");
        assertEquals("alpha\n", Files.readString(workDir.resolve("b.txt")));
        awaitTransfer(ALICE, as(ALICE).contentType(ContentType.JSON).body(Map.of("source_path", file("b.txt"),
                "target_path", file("c.txt"))).post(transfer("mv")).then().statusCode(201).extract().jsonPath(),
                "Files were successfully moved.");
        assertFalse(Files.exists(workDir.resolve("b.txt")));
        awaitTransfer(ALICE, as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("c.txt"),
                "targetPath", file("c.tar.xz"), "compression", "xz")).post(transfer("compress")).then().statusCode(201)
                .extract().jsonPath(), "Files were successfully compressed.");
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("x"))).post(fs("mkdir")).then().statusCode(201);
        awaitTransfer(ALICE, as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("c.tar.xz"),
                "targetPath", file("x"), "compression", "xz")).post(transfer("extract")).then().statusCode(201)
                .extract().jsonPath(), "Files were successfully extracted.");
        assertEquals("alpha\n", Files.readString(workDir.resolve("x/c.txt")));
        JsonPath removal = as(ALICE).queryParam("path", file("x")).delete(transfer("rm")).then().statusCode(200)
                .body("transferJob.system", equalTo(system())).extract().jsonPath();
        awaitTransfer(ALICE, removal, "Files were successfully deleted.");
        assertFalse(Files.exists(workDir.resolve("x")));

        // A job that fails says so in its error log and lacks the success line pyfirecrest looks for.
        JsonPath failed = as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("missing.txt"),
                "targetPath", file("copy.txt"))).post(transfer("cp")).then().statusCode(201).extract().jsonPath();
        assertEquals("FAILED", awaitFinal(ALICE, failed.getLong("transferJob.jobId"), JOB_DEADLINE).getString("status.state"));
        assertFalse(view(ALICE, failed.getString("transferJob.logs.outputLog")).contains("successfully"));
        assertTrue(view(ALICE, failed.getString("transferJob.logs.errorLog")).contains("Unable to copy files"));

        // Paths outside the caller's directories are refused before anything is queued.
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("c.txt"), "targetPath",
                outside.resolve("c.txt").toString())).post(transfer("cp")).then().statusCode(403);
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", outside.resolve("secret.txt").toString(),
                "targetPath", file("stolen.txt"))).post(transfer("mv")).then().statusCode(403);
        as(ALICE).queryParam("path", outside.toString()).delete(transfer("rm")).then().statusCode(403);
        as(ALICE).queryParam("path", paths.homeOf(ALICE).toString()).delete(transfer("rm")).then().statusCode(403);
        as(ALICE).contentType(ContentType.JSON).body(Map.of("targetPath", file("d.txt"))).post(transfer("mv")).then()
                .statusCode(400).body("details.fields[0].location", equalTo("body"))
                .body("details.fields[0].name", equalTo("path"));
    }

    @Test
    void largeFilesGoThroughStagingBothWaysByteForByte() throws Exception {
        byte[] data = new byte[12 * 1024 * 1024 + 12345];
        new Random(16).nextBytes(data);
        // pyfirecrest's own spellings: path with transfer_directives.file_size for an upload...
        JsonPath upload = as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("big.bin"),
                "transfer_directives", Map.of("transfer_method", "s3", "file_size", data.length)))
                .post(transfer("upload")).then().statusCode(201)
                .body("transferDirectives.transferMethod", equalTo("s3")).extract().jsonPath();
        long partSize = upload.getLong("transferDirectives.maxPartSize");
        List<String> parts = upload.getList("transferDirectives.partsUploadUrls", String.class);
        assertEquals((data.length + partSize - 1) / partSize, parts.size(), "parts of " + partSize + " bytes");
        assertTrue(parts.size() > 1, "a multipart upload");
        HttpClient http = HttpClient.newHttpClient();
        StringBuilder completion = new StringBuilder("<CompleteMultipartUpload>");
        for (int i = 0; i < parts.size(); i++) {
            int from = (int) (i * partSize);
            int to = (int) Math.min(data.length, from + partSize);
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(parts.get(i)))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(data, from, to - from)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, put.statusCode(), put.body());
            completion.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>")
                    .append(put.headers().firstValue("ETag").orElseThrow()).append("</ETag></Part>");
        }
        HttpResponse<String> complete = http.send(HttpRequest.newBuilder(URI.create(
                upload.getString("transferDirectives.completeUploadUrl"))).POST(HttpRequest.BodyPublishers.ofString(
                completion.append("</CompleteMultipartUpload>").toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, complete.statusCode(), complete.body());
        awaitTransfer(ALICE, upload, "File was successfully downloaded.");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        as(ALICE).queryParam("path", file("big.bin")).get(fs("checksum")).then().statusCode(200)
                .body("output.checksum", equalTo(sha));

        // ...and source_path with transfer_directives.transferMethod for a download.
        JsonPath download = as(ALICE).contentType(ContentType.JSON).body(Map.of("source_path", file("big.bin"),
                "transfer_directives", Map.of("transferMethod", "s3"))).post(transfer("download")).then()
                .statusCode(201).extract().jsonPath();
        awaitTransfer(ALICE, download, "Multipart file upload successfully completed");
        URI url = URI.create(download.getString("transferDirectives.downloadUrl"));
        HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, whole.statusCode());
        assertArrayEquals(data, whole.body());
        HttpResponse<byte[]> range = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=5242000-5242999").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, range.statusCode());
        assertArrayEquals(Arrays.copyOfRange(data, 5242000, 5243000), range.body());
    }

    @Test
    void stagingRefusesWhatItCannotDoWithTheFieldToFix() throws Exception {
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("f.bin"), "transferDirectives",
                Map.of("transferMethod", "s3"))).post(transfer("upload")).then().statusCode(400)
                .body("details.fields[0].name", equalTo("transferDirectives.fileSize"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("f.bin"), "transferDirectives",
                Map.of("transferMethod", "wormhole", "fileSize", 10))).post(transfer("upload")).then().statusCode(400)
                .body("message", containsString("Requested transfer method is not available"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("f.bin"))).post(transfer("upload")).then()
                .statusCode(400).body("details.fields[0].name", equalTo("transferDirectives"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", outside.resolve("f.bin").toString(),
                "transferDirectives", Map.of("transferMethod", "s3", "fileSize", 10))).post(transfer("upload")).then()
                .statusCode(403);
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", file("missing.bin"), "transferDirectives",
                Map.of("transferMethod", "s3"))).post(transfer("download")).then().statusCode(404)
                .body("message", containsString("No such file or directory"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", workDir.toString(), "transferDirectives",
                Map.of("transferMethod", "s3"))).post(transfer("download")).then().statusCode(400);
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", outside.resolve("secret.txt").toString(),
                "transferDirectives", Map.of("transferMethod", "s3"))).post(transfer("download")).then().statusCode(403);
    }

    // ---- jobs -----------------------------------------------------------------------------------

    @Test
    void jobWritesAFileAndCompletesWithExitZero() {
        long id = submit(ALICE, "#!/bin/bash\necho \"made by $SLURM_JOB_ID as $USER\" > made.txt\necho to-stdout\n");
        JsonPath job = awaitFinal(ALICE, id, JOB_DEADLINE);
        assertEquals("COMPLETED", job.getString("status.state"));
        assertEquals(0, job.getInt("status.exitCode"));
        assertEquals(ALICE, job.getString("user"));
        as(ALICE).queryParam("path", file("made.txt")).get(fs("head")).then().statusCode(200)
                .body("output.content", equalTo("made by " + id + " as alice\n"));
        JsonPath metadata = as(ALICE).get(jobs() + "/" + id + "/metadata").then().statusCode(200).extract().jsonPath();
        assertTrue(metadata.getString("jobs[0].script").contains("made.txt"));
        assertEquals(file("slurm-" + id + ".out"), metadata.getString("jobs[0].standardOutput"));
        as(ALICE).queryParam("path", metadata.getString("jobs[0].standardOutput")).get(fs("head")).then()
                .statusCode(200).body("output.content", equalTo("to-stdout\n"));
        as(ALICE).queryParam("time_window", "1h").get(jobs()).then().statusCode(200)
                .body("jobs.find { it.jobId == " + id + " }.status.state", equalTo("COMPLETED"));
    }

    @Test
    void aCommandAttachesToARunningJobOnly() throws Exception {
        long id = submit(ALICE, "#!/bin/bash\nfor i in $(seq 600); do [ -f release.flag ] && exit 0; sleep 0.2; done\n"
                + "exit 9\n");
        Poll.until(JOB_DEADLINE, "job " + id + " to run", () -> state(ALICE, id), "RUNNING"::equals);
        as(ALICE).contentType(ContentType.JSON).body(Map.of("command", "echo \"attached to $SLURM_JOB_ID\" > attached.txt"))
                .put(jobs() + "/" + id + "/attach").then().statusCode(204);
        assertEquals("attached to " + id, Files.readString(workDir.resolve("attached.txt")).strip());
        as(ALICE).contentType(ContentType.JSON).body(Map.of("command", "echo broken >&2; exit 3"))
                .put(jobs() + "/" + id + "/attach").then().statusCode(422).body("message", containsString("3"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("command", " ")).put(jobs() + "/" + id + "/attach").then()
                .statusCode(400).body("details.fields[0].name", equalTo("command"));
        as(BOB).contentType(ContentType.JSON).body(Map.of("command", "true")).put(jobs() + "/" + id + "/attach").then()
                .statusCode(404);
        as(ALICE).contentType(ContentType.JSON).body(Map.of("command", "touch release.flag"))
                .put(jobs() + "/" + id + "/attach").then().statusCode(204);
        assertEquals("COMPLETED", awaitFinal(ALICE, id, JOB_DEADLINE).getString("status.state"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("command", "true")).put(jobs() + "/" + id + "/attach").then()
                .statusCode(409);
    }

    @Test
    void exitThreeEndsFailedWithExitCodeThree() {
        long id = submit(ALICE, "#!/bin/bash\necho failing >&2\nexit 3\n");
        JsonPath job = awaitFinal(ALICE, id, JOB_DEADLINE);
        assertEquals("FAILED", job.getString("status.state"));
        assertEquals(3, job.getInt("status.exitCode"));
    }

    @Test
    void cancelledSleepEndsCancelled() {
        long id = submit(ALICE, "#!/bin/bash\nsleep 300\n");
        Poll.until(JOB_DEADLINE, "job " + id + " to run", () -> state(ALICE, id), "RUNNING"::equals);
        as(ALICE).delete(jobs() + "/" + id).then().statusCode(204);
        JsonPath job = awaitFinal(ALICE, id, JOB_DEADLINE);
        assertEquals("CANCELLED", job.getString("status.state"));
        as(ALICE).delete(jobs() + "/" + id).then().statusCode(204); // cancelling a finished job changes nothing
        assertEquals("CANCELLED", state(ALICE, id));
    }

    @Test
    void accountingAnswersForManyJobsAtOnceAndOnlyTheCallersOwn() {
        long first = submit(ALICE, "#!/bin/bash\nsleep 1\n");
        long second = submit(ALICE, "#!/bin/bash\nexit 0\n");
        awaitFinal(ALICE, first, JOB_DEADLINE);
        awaitFinal(ALICE, second, JOB_DEADLINE);
        String ids = first + "," + second;
        JsonPath accounting = Poll.until(JOB_DEADLINE, "accounting of jobs " + ids + " to be complete",
                () -> as(ALICE).queryParam("jobs", ids).get(acct()).then().statusCode(200).extract().jsonPath(),
                json -> json.getList("jobs").size() == 2 && json.getList("jobs.complete", Boolean.class).stream().allMatch(Boolean::booleanValue));
        assertEquals(List.of(first, second), accounting.getList("jobs.jobId", Long.class));
        assertTrue(accounting.getLong("jobs[0].elapsedSeconds") >= 1, "the first job slept a second");
        assertTrue(accounting.getInt("jobs[0].allocatedCpus") >= 1);
        assertEquals(1, accounting.getInt("jobs[0].allocatedNodes"));
        assertEquals(0, accounting.getInt("jobs[0].allocatedGpus"));
        assertEquals(ALICE, accounting.getString("jobs[0].user"));
        as(BOB).queryParam("jobs", ids).get(acct()).then().statusCode(200).body("jobs", hasSize(0));
        as(ALICE).queryParam("jobs", "12,x").get(acct()).then().statusCode(400).body("message", containsString("'x'"));
        as(ALICE).get(acct()).then().statusCode(400).body("message", containsString("jobs=1042"));
    }

    @Test
    void jobOverItsTimeLimitEndsTimeout() {
        long id = submit(ALICE, "#!/bin/bash\n#SBATCH --time=0:02\nsleep 300\n");
        JsonPath job = awaitFinal(ALICE, id, TIMEOUT_DEADLINE);
        assertEquals("TIMEOUT", job.getString("status.state"));
    }

    @Test
    void invalidSubmissionsAnswer400WithTheFieldToFix() {
        as(ALICE).contentType(ContentType.JSON).body("{\"job\": 5").post(jobs()).then().log().ifValidationFails().statusCode(400)
                .contentType(ContentType.JSON).body("message", containsString("valid JSON"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("job", Map.of("script", "#!/bin/bash\n")))
                .post(jobs()).then().statusCode(400).body("details.fields[0].name", equalTo("job.workingDirectory"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("job", Map.of("workingDirectory", workDir.toString())))
                .post(jobs()).then().statusCode(400).body("details.fields[0].name", equalTo("job.script"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("job", Map.of("workingDirectory", workDir.toString(),
                "script", "#!/bin/bash\n", "env", Map.of("BAD-NAME", "x")))).post(jobs()).then().statusCode(400)
                .body("details.fields[0].name", equalTo("job.env"));
        as(ALICE).contentType(ContentType.JSON).body(Map.of("job", Map.of("workingDirectory", workDir.toString(),
                "script", "#!/bin/bash\n", "partition", "no-such-partition"))).post(jobs()).then().statusCode(400)
                .body("message", containsString("partition"));
        as(ALICE).get(jobs() + "/99999999").then().statusCode(404).body("message", containsString("Job not found"));
        as(ALICE).queryParam("time_window", "forever").get(jobs()).then().statusCode(400);
    }

    @Test
    void anotherUsersJobsAreNotFound() {
        long id = submit(ALICE, "#!/bin/bash\nsleep 300\n");
        try {
            as(BOB).get(jobs() + "/" + id).then().statusCode(404);
            as(BOB).get(jobs() + "/" + id + "/metadata").then().statusCode(404);
            as(BOB).delete(jobs() + "/" + id).then().statusCode(404);
            List<Long> bobs = as(BOB).get(jobs()).then().statusCode(200).extract().jsonPath().getList("jobs.jobId", Long.class);
            assertFalse(bobs.contains(id));
            assertTrue(List.of("PENDING", "RUNNING").contains(state(ALICE, id)), "bob's cancel must not touch it");
        } finally {
            as(ALICE).delete(jobs() + "/" + id).then().statusCode(204);
        }
    }

    // ---- authentication -------------------------------------------------------------------------

    @Test
    void requestsWithoutAValidTokenAnswer401() {
        given().get(jobs()).then().statusCode(401).body("error", equalTo("unauthorized"));
        given().auth().oauth2("not-a-jwt").get(jobs()).then().statusCode(401);
        given().auth().oauth2(TestTokens.signedByAnotherKey(ALICE)).get(jobs()).then().statusCode(401);
        given().auth().oauth2(TestTokens.expiringIn(ALICE, -60)).get(jobs()).then().statusCode(401)
                .body("message", containsString("expired"));
        given().auth().oauth2(TestTokens.expiringIn(ALICE, 10)).get(jobs()).then().statusCode(401)
                .body("message", containsString("at least 30 s"));
        given().auth().oauth2(TestTokens.withoutUserName()).get(jobs()).then().statusCode(400)
                .body("message", containsString("preferred_username"));
        given().get("/status/liveness/").then().statusCode(200);
        as(ALICE).get(jobs()).then().statusCode(200).header("F7T-AuthUsername", ALICE)
                .header("F7T-AppVersion", notNullValue());
        // The embedded default trusts both of its key pairs: the dev key and the gateway's cluster key.
        given().auth().oauth2(TestTokens.signedWithTheClusterKey(ALICE)).get(jobs()).then().statusCode(200)
                .header("F7T-AuthUsername", ALICE);
    }

    // ---- confinement ----------------------------------------------------------------------------

    @Test
    void everyPathOutsideTheUsersDirectoryAnswers403() throws Exception {
        Path bobHome = paths.homeOf(BOB);
        as(BOB).contentType(ContentType.JSON).body(Map.of("path", bobHome.toString(), "parent", true))
                .post(fs("mkdir")).then().statusCode(201);
        own(Files.writeString(bobHome.resolve("private.txt"), "bob's"), BOB);
        Path linkOut = Files.createSymbolicLink(workDir.resolve("out"), outside);
        Files.createSymbolicLink(workDir.resolve("secret-link"), outside.resolve("secret.txt"));
        List<String> escapes = List.of(
                file("../../../../" + BOB + "/private.txt"),
                "../" + BOB + "/private.txt",
                bobHome.resolve("private.txt").toString(),
                "/etc/passwd",
                outside.resolve("secret.txt").toString(),
                linkOut.resolve("secret.txt").toString(),
                file("secret-link"),
                workDir + "/name\u0000.txt",
                file("x".repeat(300)));
        for (String path : escapes) {
            for (String op : List.of("ls", "head", "tail", "view", "checksum", "download")) {
                as(ALICE).queryParam("path", path).get(fs(op)).then().statusCode(403)
                        .body("error", equalTo("forbidden"));
            }
            as(ALICE).queryParam("path", path).queryParam("dereference", true).get(fs("stat")).then().statusCode(403);
            as(ALICE).contentType(ContentType.JSON).body(Map.of("path", path, "mode", "777")).put(fs("chmod"))
                    .then().statusCode(403);
        }
        for (String dir : List.of(linkOut.toString(), outside.toString(), file("../../.."), file("x".repeat(300)))) {
            as(ALICE).queryParam("path", dir).multiPart("file", "dropped.txt", "x".getBytes()).post(fs("upload"))
                    .then().statusCode(403);
            as(ALICE).contentType(ContentType.JSON).body(Map.of("path", dir + "/newdir", "parent", true))
                    .post(fs("mkdir")).then().statusCode(403);
            as(ALICE).contentType(ContentType.JSON).body(Map.of("job", Map.of("workingDirectory", dir,
                    "script", "#!/bin/bash\ntouch escaped\n"))).post(jobs()).then().statusCode(403);
        }
        as(ALICE).contentType(ContentType.JSON).body(Map.of("path", outside.toString(), "linkPath", file("new-link")))
                .post(fs("symlink")).then().statusCode(403);
        as(ALICE).contentType(ContentType.JSON).body(Map.of("job", Map.of("workingDirectory", workDir.toString(),
                "script", "#!/bin/bash\necho hi\n", "standardOutput", outside.resolve("stolen.out").toString())))
                .post(jobs()).then().statusCode(403);
        // The script's own directives name files just as the request's fields do, and are held to the same rule.
        for (String directive : List.of("--output=" + outside.resolve("stolen.out"), "-e " + bobHome.resolve("x.err"),
                "--input=" + outside.resolve("secret.txt"), "--output=out/through-the-link.txt")) {
            as(ALICE).contentType(ContentType.JSON).body(Map.of("job", Map.of("workingDirectory", workDir.toString(),
                    "script", "#!/bin/bash\n#SBATCH " + directive + "\necho hi\n"))).post(jobs()).then()
                    .statusCode(403).body("message", containsString("outside your directories"));
        }
        as(ALICE).queryParam("path", bobHome.resolve("private.txt").toString()).delete(fs("rm")).then().statusCode(403);
        as(ALICE).queryParam("path", paths.homeOf(ALICE).toString()).delete(fs("rm")).then().statusCode(403);
        assertEquals("bob's", Files.readString(bobHome.resolve("private.txt")));

        // Removing a link removes the link, never what it points to.
        as(ALICE).queryParam("path", linkOut.toString()).delete(fs("rm")).then().statusCode(204);
        assertFalse(Files.exists(linkOut, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(outside.resolve("secret.txt")));
        // A listing shows a link leading out as a link, without following it.
        as(ALICE).queryParam("path", workDir.toString()).queryParam("dereference", true).get(fs("ls")).then()
                .statusCode(200).body("output.find { it.name == 'secret-link' }.type", equalTo("l"));
    }

    // ---- status ---------------------------------------------------------------------------------

    @Test
    void statusDescribesTheSystem() {
        as(ALICE).get("/status/systems").then().statusCode(200)
                .body("systems[0].name", equalTo(system()))
                .body("systems[0].scheduler.type", equalTo(schedulerType()))
                .body("systems[0].health.healthy", equalTo(true))
                .body("systems[0].health.nodes.available", greaterThanOrEqualTo(1));
        as(ALICE).get("/status/" + system() + "/partitions").then().statusCode(200)
                .body("partitions.name", hasItems("debug", "normal"));
        as(ALICE).get("/status/" + system() + "/nodes").then().statusCode(200)
                .body("nodes[0].cpus", greaterThanOrEqualTo(1));
        as(ALICE).get("/status/" + system() + "/userinfo").then().statusCode(200).body("user.name", equalTo(ALICE));
        as(ALICE).get("/status/no-such-system/nodes").then().statusCode(404);
    }

    abstract String schedulerType();

    /**
     * Hands a file the test wrote itself to the user, as if they had made it. Where everything
     * runs as one account there is nothing to hand over.
     */
    void own(Path path, String user) throws Exception {}

    // ---- helpers --------------------------------------------------------------------------------

    static RequestSpecification as(String user) {
        return given().auth().oauth2(TestTokens.valid(user));
    }

    String fs(String op) {
        return "/filesystem/" + system() + "/ops/" + op;
    }

    String transfer(String op) {
        return "/filesystem/" + system() + "/transfer/" + op;
    }

    /** What pyfirecrest does after a transfer: wait for its job, then look for the success line in its output log. */
    void awaitTransfer(String user, JsonPath answer, String successLine) {
        assertEquals(system(), answer.getString("transferJob.system"));
        JsonPath job = awaitFinal(user, answer.getLong("transferJob.jobId"), JOB_DEADLINE);
        String log = view(user, answer.getString("transferJob.logs.outputLog"));
        assertEquals("COMPLETED", job.getString("status.state"), log + view(user, answer.getString("transferJob.logs.errorLog")));
        assertTrue(log.contains(successLine), log);
    }

    String view(String user, String path) {
        return as(user).queryParam("path", path).get(fs("view")).then().statusCode(200).extract().path("output");
    }

    String acct() {
        return "/compute/" + system() + "/acct";
    }

    String jobs() {
        return "/compute/" + system() + "/jobs";
    }

    String file(String name) {
        return workDir.resolve(name).toString();
    }

    long submit(String user, String script) {
        return as(user).contentType(ContentType.JSON)
                .body(Map.of("job", Map.of("workingDirectory", workDir.toString(), "script", script, "name", "test-job")))
                .post(jobs()).then().statusCode(201).extract().jsonPath().getLong("jobId");
    }

    String state(String user, long id) {
        var response = as(user).get(jobs() + "/" + id);
        // A job can take a moment to show in the scheduler's views; "not found" then means "not yet".
        return response.statusCode() == 404 ? null : response.then().statusCode(200).extract().path("jobs[0].status.state");
    }

    JsonPath awaitFinal(String user, long id, Duration deadline) {
        Poll.until(deadline, "job " + id + " to finish", () -> state(user, id), s -> s != null && FINAL.contains(s));
        return as(user).get(jobs() + "/" + id).then().statusCode(200).extract().jsonPath().setRootPath("jobs[0]");
    }
}
