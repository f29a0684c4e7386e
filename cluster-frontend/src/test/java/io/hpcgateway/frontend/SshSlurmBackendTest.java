package io.hpcgateway.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hpcgateway.frontend.identity.Launcher;
import io.hpcgateway.frontend.identity.ssh.SshLauncher;
import io.hpcgateway.frontend.support.Accounts;
import io.hpcgateway.frontend.support.Commands;
import io.hpcgateway.frontend.support.PerUserRoots;
import io.hpcgateway.frontend.support.S3Store;
import io.hpcgateway.frontend.support.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The real SLURM with every command run over SSH as the user's own account, on the login node
 * of deploy/local/sshd-up.sh (127.0.0.1:2222), with certificates from its CA.
 */
@QuarkusTest
@TestProfile(SshSlurmBackendTest.Profile.class)
@EnabledIf("io.hpcgateway.frontend.support.Accounts#sshPossible")
class SshSlurmBackendTest extends PerUserContractTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("frontend.scheduler", "slurm", "frontend.system-name", "hpcgw",
                    "frontend.identity.mode", "ssh", "frontend.ssh.port", Integer.toString(Accounts.SSHD_PORT),
                    "frontend.ssh.ca-key-location", Accounts.SSH_DIR.resolve("user_ca").toString(),
                    "frontend.ssh.known-hosts", Accounts.SSH_DIR.resolve("known_hosts").toString(),
                    "frontend.files.max-direct-transfer-size", "16M",
                "frontend.staging.max-part-size", "5M");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PerUserRoots.class, Map.of("mode", "ssh")),
                    new TestResourceEntry(S3Store.class));
        }
    }

    @Inject
    Launcher launcher;

    @BeforeAll
    static void requireSlurm() {
        Commands.requireSlurm();
    }

    @Override
    String system() {
        return "hpcgw";
    }

    @Override
    String schedulerType() {
        return "slurm";
    }

    @Test
    void sacctRecordsEachUsersOwnAccount() {
        Path bobDir = paths.homeOf(BOB).resolve("sacct-" + System.nanoTime());
        as(BOB).contentType(ContentType.JSON).body(Map.of("path", bobDir.toString(), "parent", true))
                .post(fs("mkdir")).then().statusCode(201);
        long alices = submit(ALICE, "#!/bin/bash\ntrue\n");
        long bobs = as(BOB).contentType(ContentType.JSON).body(Map.of("job", Map.of("workingDirectory",
                bobDir.toString(), "script", "#!/bin/bash\ntrue\n"))).post(jobs()).then().statusCode(201)
                .extract().jsonPath().getLong("jobId");
        awaitFinal(ALICE, alices, JOB_DEADLINE);
        awaitFinal(BOB, bobs, JOB_DEADLINE);
        assertEquals(ALICE, Poll.until(JOB_DEADLINE, "accounting of job " + alices, () -> sacctUser(alices),
                user -> !user.isEmpty()));
        assertEquals(BOB, Poll.until(JOB_DEADLINE, "accounting of job " + bobs, () -> sacctUser(bobs),
                user -> !user.isEmpty()));
    }

    @Test
    void commandsOfOneUserShareOnePooledSession() {
        SshLauncher ssh = (SshLauncher) launcher;
        as("carol").get("/status/" + system() + "/userinfo").then().statusCode(200);
        int before = ssh.openSessions();
        for (int i = 0; i < 20; i++) {
            as("carol").get("/status/" + system() + "/userinfo").then().statusCode(200);
            as("carol").queryParam("path", paths.homeOf("carol").toString()).get(fs("ls")).then().statusCode(200);
        }
        assertEquals(before, ssh.openSessions(), "forty sequential commands of carol opened no new session");
    }

    /** The job's User once accounting has written the row (while it writes, WorkDir is empty and User reads root). */
    private static String sacctUser(long id) {
        String[] row = Commands.output("sacct", "--noheader", "--allocations", "--parsable2", "--format=User,WorkDir",
                "--jobs=" + id).strip().split("\\|", -1);
        return row.length == 2 && !row[1].isEmpty() ? row[0] : "";
    }
}
