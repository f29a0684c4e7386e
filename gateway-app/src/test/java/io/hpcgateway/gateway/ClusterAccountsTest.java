package io.hpcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One cluster account is one person: names are claimed once, collisions refused and audited, never merged. */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
class ClusterAccountsTest {

    private static final Map<String, Object> JOB = Map.of("name", "who", "command", "true");

    @Test
    void aSecondPersonClaimingTheSameNameIsRefusedAndAudited() {
        String name = "shared-" + suffix();
        String first = Tokens.withClaims(Map.of("sub", "first-" + suffix(), "preferred_username", name));
        String second = Tokens.withClaims(Map.of("sub", "second-" + suffix(), "preferred_username", name));
        bearer(first).contentType(ContentType.JSON).body(JOB).post("/api/v2/jobs").then().statusCode(201);
        bearer(first).get("/api/v2/me").then().statusCode(200).body("clusterAccounts.local", equalTo(name));
        bearer(second).contentType(ContentType.JSON).body(JOB).post("/api/v2/jobs").then().statusCode(409)
                .body("error", equalTo("cluster_account_taken")).body("details.cluster_account", equalTo(name));
        bearer(second).put("/api/v1/user/create").then().statusCode(409);
        as("ada", "admin").queryParam("type", "identity_conflict").get("/api/v2/audit").then().statusCode(200)
                .body("details.cluster_account", hasItem(name));
    }

    @Test
    void anEmailNeverStandsInForTheAccountName() {
        String victim = "victim-" + suffix();
        String token = Tokens.withClaims(Map.of("sub", "mallory-" + suffix(), "email", victim + "@evil.example"));
        bearer(token).get("/api/v2/me").then().statusCode(200).body("clusterUser", nullValue());
        bearer(token).contentType(ContentType.JSON).body(JOB).post("/api/v2/jobs").then().statusCode(403)
                .body("error", equalTo("no_cluster_account"));
        String unusable = Tokens.withClaims(Map.of("sub", "x-" + suffix(), "preferred_username", victim + "@evil.example"));
        bearer(unusable).contentType(ContentType.JSON).body(JOB).post("/api/v2/jobs").then().statusCode(403);
    }

    @Test
    void anAdminMapsAUserToTheAccountTheSiteGaveThem() {
        String subject = "directory-user-" + suffix();
        String unix = "u" + suffix();
        String token = Tokens.withClaims(Map.of("sub", subject, "preferred_username", "someone-" + suffix()));
        as("ada", "admin").contentType(ContentType.JSON).body(Map.of("subject", subject))
                .put("/api/v2/admin/cluster-accounts/local/" + unix).then().statusCode(200)
                .body("unixName", equalTo(unix)).body("source", equalTo("ADMIN"));
        bearer(token).get("/api/v2/me").then().statusCode(200).body("clusterUser", equalTo(unix));
        String id = bearer(token).contentType(ContentType.JSON).body(JOB).post("/api/v2/jobs").then().statusCode(201)
                .extract().path("id");
        bearer(token).get("/api/v2/jobs/" + id + "/files").then().statusCode(200);
        as("ada", "admin").contentType(ContentType.JSON).body(Map.of("subject", "someone-else"))
                .put("/api/v2/admin/cluster-accounts/local/" + unix).then().statusCode(409);
        as("ada", "admin").contentType(ContentType.JSON).body(Map.of("subject", subject))
                .put("/api/v2/admin/cluster-accounts/local/not%20a%20name").then().statusCode(400);
        as("bo").get("/api/v2/admin/cluster-accounts").then().statusCode(403);
        as("ada", "admin").queryParam("subject", subject).get("/api/v2/admin/cluster-accounts").then().statusCode(200)
                .body("unixName", equalTo(List.of(unix)));
        as("ada", "admin").delete("/api/v2/admin/cluster-accounts/local/" + unix).then().statusCode(204);
        as("ada", "admin").delete("/api/v2/admin/cluster-accounts/local/" + unix).then().statusCode(404);
    }

    @Test
    void aTokenWithoutASubjectIsNotAnyone() {
        String token = Tokens.withClaims(Map.of("preferred_username", "nobody-" + suffix()));
        bearer(token).get("/api/v2/me").then().statusCode(401);
        bearer(token).get("/api/v2/jobs").then().statusCode(401);
    }

    private static RequestSpecification as(String user, String... roles) {
        return bearer(Tokens.of(user, roles));
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
