package io.hpcgateway.frontend;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.frontend.support.Accounts;
import io.hpcgateway.frontend.support.Poll;
import io.hpcgateway.frontend.support.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The contract again where every command runs as the user's own Unix account, plus what that
 * mode promises: the operating system keeps users apart and away from the services' secrets,
 * accounts are never made up, and every user's jobs are for the service identity alone.
 */
abstract class PerUserContractTest extends FrontendContractTest {

    @ConfigProperty(name = "frontend.auth.dev-key-directory")
    Path keyDirectory;

    @Override
    void own(Path path, String user) throws Exception {
        Accounts.own(path, user);
    }

    @Test
    void jobsAndFoldersBelongToTheUsersOwnAccount() throws Exception {
        long id = submit(ALICE, "#!/bin/bash\nid -un > who.txt\nid -u >> who.txt\necho \"$HOME\" >> who.txt\n");
        assertEquals("COMPLETED", awaitFinal(ALICE, id, JOB_DEADLINE).getString("status.state"));
        String[] who = as(ALICE).queryParam("path", file("who.txt")).get(fs("head")).then().statusCode(200)
                .extract().jsonPath().getString("output.content").split("\n");
        assertEquals(ALICE, who[0]);
        assertEquals(Long.toString(Accounts.uid(ALICE)), who[1]);
        assertEquals(ALICE, Files.getOwner(workDir.resolve("who.txt")).getName(), "the job's output is alice's");
        assertEquals(ALICE, Files.getOwner(workDir).getName(), "the folder made through the API is alice's");
        assertEquals((int) Accounts.gid(ALICE), Files.getAttribute(workDir, "unix:gid"));

        JsonPath info = as(ALICE).get("/status/" + system() + "/userinfo").then().statusCode(200).extract().jsonPath();
        assertEquals(Accounts.uid(ALICE), info.getLong("user.id"));
        assertEquals(ALICE, info.getString("user.name"));
        assertEquals(Accounts.gid(ALICE), info.getLong("group.id"));
        assertEquals(Accounts.uid(BOB), as(BOB).get("/status/" + system() + "/userinfo").then().statusCode(200)
                .extract().jsonPath().getLong("user.id"));
    }

    @Test
    void aJobCannotReadAnotherUsersFilesOrTheServicesKeys() throws Exception {
        Path bobHome = paths.homeOf(BOB);
        as(BOB).contentType(ContentType.JSON).body(Map.of("path", bobHome.toString(), "parent", true))
                .post(fs("mkdir")).then().statusCode(201);
        as(BOB).queryParam("path", bobHome.toString()).multiPart("file", "private.txt", "bob's".getBytes())
                .post(fs("upload")).then().statusCode(204);
        Path bobsFile = bobHome.resolve("private.txt");
        assertEquals(BOB, Files.getOwner(bobsFile).getName(), "an upload belongs to its user");
        List<Path> secrets = new java.util.ArrayList<>(List.of(bobsFile,
                keyDirectory.toAbsolutePath().resolve("dev-signing-key.pem")));
        if (Files.exists(Accounts.SSH_DIR.resolve("user_ca"))) {
            secrets.add(Accounts.SSH_DIR.resolve("user_ca"));
        }
        StringBuilder script = new StringBuilder("#!/bin/bash\n: > stolen.txt\n");
        for (Path secret : secrets) {
            script.append("cat '").append(secret).append("' >> stolen.txt 2>> denied.txt\n");
        }
        script.append("exit 0\n");
        long id = submit(ALICE, script.toString());
        assertEquals("COMPLETED", awaitFinal(ALICE, id, JOB_DEADLINE).getString("status.state"));
        assertEquals(0, Files.size(workDir.resolve("stolen.txt")), "the job read nothing it may not");
        List<String> denied = Files.readAllLines(workDir.resolve("denied.txt"));
        assertEquals(secrets.size(), denied.size(), String.join("\n", denied));
        assertTrue(denied.stream().allMatch(line -> line.contains("Permission denied")), String.join("\n", denied));
        for (Path secret : secrets) {
            as(ALICE).queryParam("path", secret.toString()).get(fs("head")).then().statusCode(403);
        }
    }

    @Test
    void accountsThatMayNotActForAUserAnswer403NamingThem() {
        for (String name : List.of("no-such-account", "root", "hpcgw")) {
            given().auth().oauth2(TestTokens.valid(name)).get("/status/" + system() + "/userinfo").then()
                    .statusCode(403).body("error", equalTo("forbidden")).body("message", containsString("'" + name + "'"));
            given().auth().oauth2(TestTokens.valid(name)).contentType(ContentType.JSON)
                    .body(Map.of("job", Map.of("workingDirectory", paths.homeOf(name).toString(), "script",
                            "#!/bin/bash\ntrue\n"))).post(jobs()).then().statusCode(403);
        }
    }

    @Test
    void everyUsersJobsAreForTheServiceTokenAlone() {
        Path bobDir = paths.homeOf(BOB).resolve("service-" + System.nanoTime());
        as(BOB).contentType(ContentType.JSON).body(Map.of("path", bobDir.toString(), "parent", true))
                .post(fs("mkdir")).then().statusCode(201);
        long alices = submit(ALICE, "#!/bin/bash\nsleep 300\n");
        long bobs = as(BOB).contentType(ContentType.JSON).body(Map.of("job", Map.of("workingDirectory",
                bobDir.toString(), "script", "#!/bin/bash\nsleep 300\n"))).post(jobs()).then().statusCode(201)
                .extract().jsonPath().getLong("jobId");
        try {
            as(ALICE).queryParam("allusers", true).get(jobs()).then().statusCode(403)
                    .body("message", containsString("service token"));
            as(ALICE).queryParam("jobs", alices + "," + bobs).queryParam("allusers", true).get(acct()).then()
                    .statusCode(403);
            String service = TestTokens.service();
            JsonPath all = given().auth().oauth2(service).queryParam("allusers", true).get(jobs()).then()
                    .statusCode(200).extract().jsonPath();
            assertEquals(ALICE, all.getString("jobs.find { it.jobId == " + alices + " }.user"));
            assertEquals(BOB, all.getString("jobs.find { it.jobId == " + bobs + " }.user"));
            // Accounting trails the controller by a few seconds: ask until it knows both jobs.
            List<String> accounted = Poll.until(JOB_DEADLINE, "accounting of jobs " + alices + "," + bobs,
                    () -> given().auth().oauth2(service).queryParam("jobs", alices + "," + bobs)
                            .queryParam("allusers", true).get(acct()).then().statusCode(200).extract().jsonPath()
                            .getList("jobs.user", String.class),
                    users -> users.containsAll(List.of(ALICE, BOB)));
            assertEquals(2, accounted.size(), accounted.toString());
            given().auth().oauth2(service).queryParam("path", workDir.toString()).get(fs("ls")).then().statusCode(403)
                    .body("message", containsString("service identity"));
            // The gateway follows and stops any user's job with its own token; the cancel runs as the owner.
            given().auth().oauth2(service).get(jobs() + "/" + alices).then().statusCode(200)
                    .body("jobs[0].user", equalTo(ALICE));
            as(BOB).get(jobs() + "/" + alices).then().statusCode(404);
            as(BOB).delete(jobs() + "/" + alices).then().statusCode(404);
            given().auth().oauth2(service).delete(jobs() + "/" + bobs).then().statusCode(204);
            assertEquals("CANCELLED", Poll.until(JOB_DEADLINE, "job " + bobs + " cancelled",
                    () -> as(BOB).get(jobs() + "/" + bobs).then().statusCode(200).extract().jsonPath()
                            .getString("jobs[0].status.state"), "CANCELLED"::equals));
        } finally {
            as(ALICE).delete(jobs() + "/" + alices).then().statusCode(204);
            as(BOB).delete(jobs() + "/" + bobs).then().statusCode(204);
        }
    }
}
