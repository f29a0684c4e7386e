package io.hpcgateway.gateway.task;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.hpcgateway.gateway.cluster.ClusterCalls;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.support.Commands;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.TaskWorkerProcess;
import io.hpcgateway.gateway.support.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Task pools on Kubernetes: the objects the gateway makes for a user's outstanding work, against
 * fabric8's Kubernetes API server in CRUD mode (no Kubernetes cluster or KEDA runs here: the API
 * stores and serves the objects as a real one would, without running pods). The pods' ids are
 * the user's real account's, through the front end's ssh identity mode (the accounts alice and
 * bob). A pod itself is played by its two containers' programs as processes on the loopback: the
 * real task client with the pool's Deployment's environment and the pi image.
 */
@QuarkusTest
@WithTestResource(value = FrontendProcess.class, initArgs = @ResourceArg(name = "identity", value = "ssh"))
@EnabledIf("io.hpcgateway.gateway.support.FrontendProcess#perUserPossible")
class TaskPoolsTest {

    private static final String USER = "alice";
    private static final Duration DONE = Duration.ofSeconds(90);
    private static KubernetesMockServer server;
    private static KubernetesClient kubernetes;

    @Inject
    TaskConfig config;
    @Inject
    TaskPools pools;
    @Inject
    PoolManifests manifests;
    @Inject
    Workers workers;
    @Inject
    TaskMapper mapper;
    @Inject
    Clusters clusters;
    @Inject
    ClusterCalls calls;
    @Inject
    OutstandingWork outstanding;

    @BeforeAll
    static void kubernetesApi() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup("keda.sh")
                .withVersion("v1alpha1").withKind("ScaledObject").withPlural("scaledobjects").withScope("Namespaced")
                .build());
        kubernetes = server.createClient();
    }

    @AfterAll
    static void stopKubernetesApi() {
        kubernetes.close();
        server.destroy();
    }

    /** The test database outlives a test class: earlier work and workers of alice's would keep her pool. */
    @BeforeEach
    void onlyThisTestsWorkWaits() {
        HpcTask.mongoCollection().updateMany(Filters.and(Filters.eq("owner", USER),
                Filters.in("state", TaskState.QUEUED, TaskState.LEASED)), Updates.set("state", TaskState.CANCELLED));
        TaskWorker.<TaskWorker>mongoCollection().find(Filters.and(Filters.eq("owner", USER),
                Filters.ne("state", WorkerState.GONE))).forEach(worker -> workers.end(worker, "an earlier test's"));
        reconcile(); // retires alice's pool of an earlier run (retire-after is 0 s here)
    }

    @Test
    void outstandingWorkGetsAPoolOfPodsThatRunAsTheUsersAccountAndScaleOnItsMetric() {
        String batch = submit(20, 1000);
        reconcile();
        String pool = TaskPool.idOf(USER, clusters.get(null).name(), "pi");
        String name = PoolManifests.name(pool);

        Deployment deployment = kubernetes.apps().deployments().inNamespace("hpc-tasks").withName(name).get();
        assertNotNull(deployment, "a Deployment for alice's pi tasks");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertEquals(Long.parseLong(Commands.output("id", "-u", USER).strip()), pod.getSecurityContext().getRunAsUser(),
                "the pods run as alice's account's uid, as the front end reports it");
        assertEquals(Long.parseLong(Commands.output("id", "-g", USER).strip()), pod.getSecurityContext().getRunAsGroup());
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(false, pod.getAutomountServiceAccountToken(), "a pod gets no Kubernetes API credentials");
        assertEquals(120L, pod.getTerminationGracePeriodSeconds(), "room to drain: gateway.tasks.kubernetes.drain-grace");
        Container image = pod.getInitContainers().get(0);
        assertEquals(mapper.image("pi").reference(), image.getImage());
        assertEquals("Always", image.getRestartPolicy(), "a native sidecar: stopped only after the client has drained");
        Container client = pod.getContainers().get(0);
        assertEquals(List.of("--env"), client.getArgs());
        assertEquals(name, client.getEnv().stream().filter(e -> e.getName().equals("HPCGW_ENROLMENT_TOKEN"))
                .findFirst().orElseThrow().getValueFrom().getSecretKeyRef().getName());
        assertEquals("115", env(client, "HPCGW_DRAIN_SECONDS"), "the client drains within the grace period");

        GenericKubernetesResource scaler = kubernetes.genericKubernetesResources(PoolManifests.SCALED_OBJECTS)
                .inNamespace("hpc-tasks").withName(name).get();
        assertNotNull(scaler, "a KEDA ScaledObject");
        Map<String, Object> spec = scaler.get("spec");
        assertEquals(Map.of("name", name), spec.get("scaleTargetRef"));
        assertEquals(0, spec.get("minReplicaCount"));
        assertEquals(config.maxWorkersPerUser(), spec.get("maxReplicaCount"));
        Map<String, Object> trigger = scaler.get("spec", "triggers", 0, "metadata");
        assertEquals("max(hpc_task_outstanding_seconds{pool=\"" + pool + "\"})", trigger.get("query"));
        assertEquals(Long.toString(config.targetDrain().toSeconds()), trigger.get("threshold"));
        await().atMost(DONE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("hpc_task_outstanding_seconds{image=\"" + mapper.image("pi").reference()
                        + "\",pool=\"" + pool + "\"} ")));

        long generation = TaskPool.<TaskPool>findById(pool).generation;
        reconcile();
        assertEquals(generation, TaskPool.<TaskPool>findById(pool).generation, "a pool that exists is left alone");

        String token = enrolmentToken(name);
        List<JsonPath> enrolled = new ArrayList<>();
        int status;
        do {
            var answer = given().auth().oauth2(token).post("/api/v2/task-workers/enrol").then().extract();
            status = answer.statusCode();
            if (status == 200) {
                enrolled.add(answer.jsonPath());
            }
        } while (status == 200 && enrolled.size() <= config.maxWorkersPerUser());
        assertEquals(429, status, "enrolment stops at the per-user cap");
        assertTrue(enrolled.size() <= config.maxWorkersPerUser() && !enrolled.isEmpty(), enrolled.size() + " enrolled");
        JsonPath first = enrolled.get(0);
        given().auth().oauth2(first.getString("token")).contentType(ContentType.JSON).body(Map.of("want", 5))
                .post("/api/v2/task-workers/" + first.getString("worker") + "/exchange").then().statusCode(200)
                .body("tasks.size()", equalTo(5));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("want", 5))
                .post("/api/v2/task-workers/" + first.getString("worker") + "/exchange").then().statusCode(403);
        given().auth().oauth2(Tokens.of(USER)).post("/api/v2/task-workers/enrol").then().statusCode(401);
        given().auth().oauth2(first.getString("token")).post("/api/v2/task-workers/enrol").then().statusCode(403);

        as(USER).post("/api/v2/tasks/batches/" + batch + "/cancel").then().statusCode(200);
        reconcile();
        assertNotNull(kubernetes.apps().deployments().inNamespace("hpc-tasks").withName(name).get(),
                "a pool with workers stays, whatever its work");
        enrolled.forEach(worker -> given().auth().oauth2(worker.getString("token")).contentType(ContentType.JSON)
                .body(Map.of("reason", "scaled down")).post("/api/v2/task-workers/" + worker.getString("worker")
                        + "/leave").then().statusCode(204));
        reconcile();
        assertNull(kubernetes.apps().deployments().inNamespace("hpc-tasks").withName(name).get(),
                "no work, no workers: the pool is retired");
        assertNull(kubernetes.genericKubernetesResources(PoolManifests.SCALED_OBJECTS).inNamespace("hpc-tasks")
                .withName(name).get());
        assertNull(kubernetes.secrets().inNamespace("hpc-tasks").withName(name).get());
        given().auth().oauth2(token).post("/api/v2/task-workers/enrol").then().statusCode(410)
                .body("error", equalTo("pool_retired"));
    }

    @Test
    void aPodScaledDownFinishesItsTaskAndTheNextPodRunsTheRest() throws Exception {
        int size = 40;
        String batch = submit(size, 30_000_000);
        reconcile();
        String token = enrolmentToken(PoolManifests.name(TaskPool.idOf(USER, clusters.get(null).name(), "pi")));
        try (TaskWorkerProcess pod = TaskWorkerProcess.pod(gateway(), token, "pod-1")) {
            await().atMost(DONE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> as(USER)
                    .get("/api/v2/tasks/batches/" + batch).then().body("states.completed", org.hamcrest.Matchers.notNullValue()));
            pod.process().destroy(); // the kubelet's SIGTERM on scale-down
            assertTrue(pod.process().waitFor(30, TimeUnit.SECONDS), pod.output());
            assertTrue(pod.output().contains("asked to stop: draining"), pod.output());
        }
        JsonPath after = as(USER).get("/api/v2/tasks/batches/" + batch).then().extract().jsonPath();
        assertNull(after.get("states.leased"), "the pod gave back what it never started: " + after.prettify());
        assertNull(after.get("states.killed"), "the task it ran was finished, not killed: " + after.prettify());
        try (TaskWorkerProcess pod = TaskWorkerProcess.pod(gateway(), token, "pod-2")) {
            await().atMost(DONE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> as(USER)
                    .get("/api/v2/tasks/batches/" + batch).then().body("states.completed", equalTo(size)));
        }
        JsonPath page = as(USER).get("/api/v2/tasks?batch=" + batch + "&limit=1000").then().extract().jsonPath();
        page.getList("items.attempts", Integer.class).forEach(attempts -> assertEquals(1, attempts,
                "each task ran once: " + page.prettify()));
        as(USER).get("/api/v2/tasks/workers").then().body("findAll { it.state == 'gone' && it.endReason == 'drained' }"
                + ".size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    private void reconcile() {
        new KubernetesPools(config, pools, manifests, workers, mapper, clusters, calls, kubernetes)
                .reconcile(outstanding.measure());
    }

    private static String enrolmentToken(String name) {
        Secret secret = kubernetes.secrets().inNamespace("hpc-tasks").withName(name).get();
        assertNotNull(secret, "the pool's Secret");
        String token = secret.getStringData() != null ? secret.getStringData().get(PoolManifests.TOKEN_KEY) : null;
        return token != null ? token : new String(Base64.getDecoder().decode(
                secret.getData().get(PoolManifests.TOKEN_KEY)), StandardCharsets.UTF_8);
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getValue();
    }

    private static String submit(int n, long samples) {
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(Map.of("type", "monte-carlo-pi", "version", "1.0",
                    "payload", Map.of("samples", samples, "seed", i + 1)));
        }
        return as(USER).contentType(ContentType.JSON).body(Map.of("tasks", tasks)).post("/api/v2/tasks").then()
                .statusCode(201).extract().path("id");
    }

    private static String gateway() {
        return "http://127.0.0.1:" + RestAssured.port;
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user));
    }
}
