package io.hpcgateway.gateway;

import static io.hpcgateway.gateway.JobFlowTest.FINISH;
import static io.hpcgateway.gateway.JobFlowTest.as;
import static io.hpcgateway.gateway.JobFlowTest.awaitFinal;
import static io.hpcgateway.gateway.JobFlowTest.create;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hpcgateway.gateway.support.Commands;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Through the gateway, on the real SLURM, with the front end running every command as the user's
 * own account over SSH: each user's jobs are theirs in SLURM's accounting, and a job can read
 * neither another user's files nor the services' secrets. Needs the accounts alice and bob and the
 * sshd of deploy/local/sshd-up.sh, which the test command brings up.
 */
@QuarkusTest
@WithTestResource(value = FrontendProcess.class, initArgs = @ResourceArg(name = "identity", value = "ssh"))
@EnabledIf("io.hpcgateway.gateway.support.FrontendProcess#perUserPossible")
class PerUserGatewayTest {

    @ConfigProperty(name = "gateway.mongodb.embedded-data-dir")
    Path database;

    @ConfigProperty(name = "gateway.auth.dev-key-directory")
    Path keys;

    @Test
    void eachUsersJobRunsAsTheirOwnAccountInSlurm() {
        for (String user : List.of("alice", "bob")) {
            String id = create(user, Map.of("name", "who", "command", "id -un > who.txt"));
            as(user).post("/api/v2/jobs/" + id + "/launch").then().statusCode(200);
            long schedulerId = awaitFinal(user, id, FINISH).getLong("schedulerJobId");
            assertEquals(user + "\n", as(user).get("/api/v2/jobs/" + id + "/files/who.txt").then().statusCode(200)
                    .extract().asString());
            String sacct = await().atMost(FINISH).pollInterval(Duration.ofMillis(500)).until(
                    () -> Commands.output("sacct", "--noheader", "--allocations", "--parsable2", "--format=User,WorkDir",
                            "--jobs=" + schedulerId).strip(),
                    row -> row.contains("|") && !row.endsWith("|")); // accounting has finished writing the row
            assertEquals(user, sacct.split("\\|")[0], "sacct -o User of job " + schedulerId);
        }
    }

    @Test
    void aJobReadsNeitherAnotherUsersFilesNorTheServicesSecrets() throws IOException {
        String bobs = create("bob", Map.of("name", "private", "command", "true"));
        as("bob").contentType("application/octet-stream").body("bob's secret".getBytes(StandardCharsets.UTF_8))
                .put("/api/v2/jobs/" + bobs + "/files/private.txt").then().statusCode(201);
        String bobsFile = as("bob").get("/api/v2/jobs/" + bobs).then().statusCode(200).extract().path("folder")
                + "/private.txt";
        List<String> secrets = new ArrayList<>(List.of(bobsFile,
                keys.toAbsolutePath().resolve("dev-signing-key.pem").toString(),
                keys.toAbsolutePath().resolve("cluster-signing-key.pem").toString(),
                database.toAbsolutePath().resolve("gateway.mv").toString(),
                database.toAbsolutePath().resolve("password").toString(),
                "/etc/hpc-gateway/ssh/user_ca"));
        StringBuilder command = new StringBuilder(": > stolen.txt");
        for (String secret : secrets) {
            command.append("; cat '").append(secret).append("' >> stolen.txt 2>> denied.txt");
        }
        String id = create("alice", Map.of("name", "thief", "command", command + "; true"));
        as("alice").post("/api/v2/jobs/" + id + "/launch").then().statusCode(200);
        assertEquals("completed", awaitFinal("alice", id, FINISH).getString("state"));
        assertEquals("", as("alice").get("/api/v2/jobs/" + id + "/files/stolen.txt").then().statusCode(200)
                .extract().asString(), "the job read nothing it may not");
        String denied = as("alice").get("/api/v2/jobs/" + id + "/files/denied.txt").then().statusCode(200)
                .extract().asString();
        assertEquals(secrets.size(), denied.lines().filter(line -> line.contains("Permission denied")).count(), denied);
        // And through the API: another user's job does not exist for alice.
        as("alice").get("/api/v2/jobs/" + bobs + "/files/private.txt").then().statusCode(404);
    }
}
