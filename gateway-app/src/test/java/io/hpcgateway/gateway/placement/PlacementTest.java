package io.hpcgateway.gateway.placement;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.gateway.cluster.Cluster;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.cluster.SchedulerPolls;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.TcpProxy;
import io.hpcgateway.gateway.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Placement over two clusters: "local", the real SLURM front end in eu-central at the rate card's
 * prices without GPUs, and "edge", a local-executor front end in us-east at half the prices with
 * one GPU per node and only the debug partition ({@link SecondCluster}). What each test asserts
 * follows from the documented scores whatever the node's load: price and proximity alone differ
 * by more than capacity and queue could make up where a winner is named.
 */
@QuarkusTest
@WithTestResource(FrontendProcess.class)
@WithTestResource(SecondCluster.class)
class PlacementTest {

    private static final Duration UP = Duration.ofSeconds(30);

    @Inject
    Clusters clusters;

    @Inject
    SchedulerPolls polls;

    @BeforeEach
    void bothClustersAnswer() throws Exception {
        SecondCluster.proxy.mode(TcpProxy.Mode.FORWARD);
        await().atMost(UP).pollInterval(Duration.ofMillis(200)).until(() -> answered("edge") && answered("local"));
        as("alice").contentType(ContentType.JSON).body(Map.of()).patch("/api/v2/me").then().statusCode(200);
    }

    @Test
    void aPartitionOnlyOneClusterHasDecides() {
        Map<String, Object> request = job("normal", Map.of());
        request.put("partition", "normal");
        JsonPath decision = placedDecision("alice", request);
        assertEquals("local", decision.getString("chosen"));
        assertTrue(String.valueOf(candidate(decision, "edge").get("unfit")).contains("has no partition 'normal'"),
                decision.prettify());
    }

    @Test
    void theCheaperClusterWinsWithoutARegionAndTheNearerOneWithIt() {
        JsonPath anywhere = placedDecision("alice", job("anywhere", Map.of()));
        Map<String, Object> edge = candidate(anywhere, "edge");
        Map<String, Object> local = candidate(anywhere, "local");
        assertEquals(1.0, ((Number) edge.get("price")).doubleValue());
        assertEquals(0.5, ((Number) local.get("price")).doubleValue());
        assertEquals(2 * ((Number) edge.get("estimate")).longValue(), ((Number) local.get("estimate")).longValue(),
                "edge prices at 5000 basis points of the card");
        assertEquals(highest(anywhere), score(anywhere, anywhere.getString("chosen")),
                "the highest score wins: " + anywhere.prettify());

        // Proximity (weight 20) outweighs price (weight 20 x 0.5): in us-east, edge wins on both.
        Map<String, Object> east = job("east", Map.of());
        east.put("region", "us-east");
        JsonPath near = placedDecision("alice", east);
        assertEquals(1.0, ((Number) candidate(near, "edge").get("proximity")).doubleValue());
        assertEquals(0.0, ((Number) candidate(near, "local").get("proximity")).doubleValue());
        assertEquals(highest(near), score(near, near.getString("chosen")));
        assertEquals("edge", near.getString("chosen"), "0.4 ahead on price and proximity: " + near.prettify());

        // The account's region counts when the job names none.
        as("alice").contentType(ContentType.JSON).body(Map.of("region", "eu-west")).patch("/api/v2/me").then()
                .statusCode(200).body("region", equalTo("eu-west"));
        JsonPath west = placedDecision("alice", job("west", Map.of()));
        assertEquals("eu-west", west.getString("region"));
        assertEquals(0.5, ((Number) candidate(west, "local").get("proximity")).doubleValue(), "same area (eu)");
        assertEquals(highest(west), score(west, west.getString("chosen")));
    }

    @Test
    void placingCostsNoSchedulerCall() {
        Cluster local = clusters.get("local");
        Cluster edge = clusters.get("edge");
        long before = local.calls() + edge.calls();
        for (int i = 0; i < 20; i++) {
            as("alice").contentType(ContentType.JSON).body(job("dry", Map.of())).post("/api/v2/jobs?dryRun=true")
                    .then().statusCode(200);
        }
        long after = local.calls() + edge.calls();
        // The capacity refresh (3 calls a cluster every 2 s here) may run meanwhile; placement adds none.
        assertTrue(after - before <= 2L * 3 * 2, "calls during 20 placements: " + (after - before));
        given().get("/q/metrics").then().body(containsString("hpc_capacity_refresh_calls_total{cluster=\"edge\"}"));
    }

    @Test
    void aPendingJobWithoutFilesMovesOffADeadClusterAndOneWithFilesIsRefusedNamingIt() throws Exception {
        Map<String, Object> east = job("mover", Map.of());
        east.put("region", "us-east");
        east.put("command", "echo moved");
        String mover = create("alice", east);
        Map<String, Object> tied = job("tied", Map.of());
        tied.put("region", "us-east");
        String pinned = create("alice", tied);
        String firstDecision = as("alice").get("/api/v2/jobs/" + mover).then().extract().path("schedulingDecision");
        String cluster = as("alice").get("/api/v2/jobs/" + mover).then().extract().path("cluster");
        assertEquals("edge", cluster, "nearer and cheaper, on an idle executor");
        as("alice").contentType("application/octet-stream").body("input".getBytes())
                .put("/api/v2/jobs/" + pinned + "/files/input.txt").then().statusCode(201);

        SecondCluster.proxy.mode(TcpProxy.Mode.REFUSE);
        await().atMost(UP).pollInterval(Duration.ofMillis(200)).until(() -> polls.last("edge")
                .map(poll -> !poll.ok()).orElse(false));

        JsonPath moved = as("alice").post("/api/v2/jobs/" + mover + "/launch").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("local", moved.getString("cluster"));
        assertNotEquals(firstDecision, moved.getString("schedulingDecision"));
        JsonPath again = as("alice").get("/api/v2/scheduling-decisions/" + moved.getString("schedulingDecision"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals("cluster_down", again.getString("trigger"));
        assertEquals(firstDecision, again.getString("supersedes"));
        assertTrue(!again.getList("candidates.cluster").contains("edge"), "the dead cluster is not considered");
        assertEquals("local", again.getString("chosen"));

        as("alice").post("/api/v2/jobs/" + pinned + "/launch").then().statusCode(503)
                .body("error", equalTo("cluster_unavailable")).body("details.cluster", equalTo("edge"))
                .body("message", containsString("Cluster 'edge'")).body("message", containsString("files are there"));

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() ->
                "completed".equals(as("alice").get("/api/v2/jobs/" + mover).then().extract().path("state")));
    }

    @Test
    void decisionsAreTheirOwnersAndPaged() {
        String id = create("alice", job("mine", Map.of()));
        String decision = as("alice").get("/api/v2/jobs/" + id).then().extract().path("schedulingDecision");
        as("bob").get("/api/v2/scheduling-decisions/" + decision).then().statusCode(404);
        as("root", "admin").get("/api/v2/scheduling-decisions/" + decision).then().statusCode(200)
                .body("jobId", equalTo(id));
        as("alice").get("/api/v2/scheduling-decisions?job=" + id).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(decision));
        as("bob").get("/api/v2/scheduling-decisions?job=" + id).then().statusCode(200).body("total", equalTo(0));
        as("alice").get("/api/v2/scheduling-decisions?size=0").then().statusCode(400);
        // Named clusters are not placed: no decision.
        Map<String, Object> named = job("named", Map.of());
        named.put("cluster", "local");
        String direct = create("alice", named);
        as("alice").get("/api/v2/jobs/" + direct).then().body("schedulingDecision", equalTo(null));
    }

    @Test
    void offeringsListEachPartitionWithItsClustersPrices() {
        long card = ((Number) as("alice").get("/api/v2/billing/rates").then().extract().path("cpuCoreHour")).longValue();
        JsonPath offerings = as("alice").get("/api/v2/clusters/offerings?cluster=edge").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("edge/debug"), offerings.getList("items.id"));
        assertEquals(card / 2, offerings.getLong("items[0].rates.cpuCoreHour"));
        assertEquals("us-east", offerings.getString("items[0].region"));
        as("alice").get("/api/v2/clusters").then().statusCode(200)
                .body("find { it.name == 'edge' }.capacity.reachable", equalTo(true))
                .body("find { it.name == 'local' }.region", equalTo("eu-central"))
                .body("name", hasItem("edge"));
    }

    @Test
    void badRegionsAreRefusedSayingWhatARegionIs() {
        Map<String, Object> request = job("bad", Map.of());
        request.put("region", "EU Central!");
        as("alice").contentType(ContentType.JSON).body(request).post("/api/v2/jobs").then().statusCode(400)
                .body("details.field", equalTo("region")).body("message", containsString("lower-case"));
        as("alice").contentType(ContentType.JSON).body(Map.of("region", "../x")).patch("/api/v2/me").then()
                .statusCode(400).body("error", equalTo("invalid_request"));
    }

    private boolean answered(String cluster) {
        return polls.last(cluster).map(SchedulerPolls.Poll::ok).orElse(false)
                && Boolean.TRUE.equals(as("alice").get("/api/v2/clusters").then().extract().jsonPath()
                        .get("find { it.name == '" + cluster + "' }.capacity.reachable"));
    }

    private static Map<String, Object> job(String name, Map<String, Object> resources) {
        Map<String, Object> request = new HashMap<>();
        request.put("name", name);
        request.put("command", "true");
        if (!resources.isEmpty()) {
            request.put("resources", resources);
        }
        return request;
    }

    private static JsonPath placedDecision(String user, Map<String, Object> request) {
        String id = create(user, request);
        JsonPath job = as(user).get("/api/v2/jobs/" + id).then().statusCode(200).extract().jsonPath();
        JsonPath decision = as(user).get("/api/v2/scheduling-decisions/" + job.getString("schedulingDecision"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals(job.getString("cluster"), decision.getString("chosen"));
        assertEquals(id, decision.getString("jobId"));
        return decision;
    }

    private static Map<String, Object> candidate(JsonPath decision, String cluster) {
        return decision.getMap("candidates.find { it.cluster == '" + cluster + "' }");
    }

    /** The highest score of the eligible clusters (a tie goes to the default cluster, then by name). */
    private static double highest(JsonPath decision) {
        List<Map<String, Object>> eligible = decision.getList("candidates.findAll { it.eligible }");
        return eligible.stream().mapToDouble(c -> ((Number) c.get("score")).doubleValue()).max().orElseThrow();
    }

    private static double score(JsonPath decision, String cluster) {
        return ((Number) candidate(decision, cluster).get("score")).doubleValue();
    }

    private static String create(String user, Map<String, Object> request) {
        return as(user).contentType(ContentType.JSON).body(request).post("/api/v2/jobs").then().statusCode(201)
                .extract().path("id");
    }

    private static RequestSpecification as(String user, String... roles) {
        return given().auth().oauth2(Tokens.of(user, roles));
    }
}
