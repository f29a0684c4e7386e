package io.hpcgateway.broker;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hpcgateway.broker.support.BrokerProcess;
import io.hpcgateway.broker.support.RabbitMq;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.GatewayProcess;
import io.hpcgateway.gateway.support.NetworkNamespace;
import io.hpcgateway.gateway.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product's premise, for real: the front end, the gateway and the relay in a network namespace
 * whose firewall drops every connection from outside (deploy/local/firewalled.sh's topology);
 * RabbitMQ, the edge and the client outside. A direct connection to the gateway gets nothing, and
 * the MarketPlace's legacy flow runs whole through the broker.
 */
class FirewalledSiteIT {

    static final String QUEUE = "hpcgw-firewalled-it";
    static final String RELAY_USER = "hpcgw-relay-it";

    static NetworkNamespace site;
    static FrontendProcess frontend;
    static GatewayProcess gateway;
    static BrokerProcess relay;
    static BrokerProcess edge;

    @BeforeAll
    static void start() throws Exception {
        boolean required = "true".equals(System.getenv("CI"));
        assumeTrue(required || NetworkNamespace.possible(), "network namespaces need root");
        assumeTrue(RabbitMq.required(), "RabbitMQ is not running here (deploy/local/rabbitmq-up.sh)");
        site = NetworkNamespace.create("hpcgw-fwit", "10.231.18");
        String password = UUID.randomUUID().toString();
        rabbitmqctl(null, "delete_user", RELAY_USER); // left by an interrupted run, with another password
        assertEquals(0, rabbitmqctl(password, "add_user", RELAY_USER));
        assertEquals(0, rabbitmqctl(null, "set_permissions", "-p", "/", RELAY_USER, ".*", ".*", ".*"));

        Files.createDirectories(FrontendProcess.DATA);
        Path data = Files.createTempDirectory(FrontendProcess.DATA, "firewalled-");
        frontend = new FrontendProcess("firewalled-frontend", site);
        Map<String, String> cluster = new HashMap<>(frontend.start());
        cluster.put("quarkus.http.host", "0.0.0.0"); // listening on every address: the firewall is what keeps callers out
        gateway = new GatewayProcess(data, cluster).inside(site);
        gateway.start();
        relay = new BrokerProcess("relay", data, Map.of("broker.amqp.host", site.outsideAddress(),
                "broker.amqp.port", Integer.toString(RabbitMq.PORT), "broker.amqp.queue-prefix", "/queue/",
                "broker.amqp.username", RELAY_USER, "broker.queue.name", QUEUE,
                "broker.relay.gateway-url", gateway.url()))
                .withEnvironment("BROKER_AMQP_PASSWORD", password).inside(site).start();
        edge = new BrokerProcess("edge", data, Map.of("broker.amqp.port", Integer.toString(RabbitMq.PORT),
                "broker.amqp.queue-prefix", "/queue/", "broker.amqp.username", "guest",
                "broker.amqp.password", "guest", "broker.queue.name", QUEUE)).start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (BrokerProcess process : new BrokerProcess[] {edge, relay}) {
            if (process != null) {
                process.stop();
            }
        }
        if (gateway != null) {
            gateway.stop();
        }
        if (frontend != null) {
            frontend.stop();
        }
        if (site != null) {
            site.close();
            rabbitmqctl(null, "delete_user", RELAY_USER);
        }
    }

    @Test
    void nothingGetsInButTheMarketplaceFlowRunsThroughTheBroker() throws Exception {
        assertEquals(401, site.status(gateway.url() + "/api/v2/me"), "the gateway runs, inside");
        try (Socket direct = new Socket()) {
            assertThrows(IOException.class, () -> direct.connect(new InetSocketAddress(site.siteAddress(),
                    gateway.port()), 3000), "a direct connection from outside gets nowhere");
        }

        given().baseUri(edge.url()).get("/heartbeat").then().statusCode(200)
                .body("message", equalTo("HPC-gateway-App : application running."));
        as("fiona").put("/api/v1/user/create").then().statusCode(200).body("_id", equalTo("fiona"));
        String jobid = as("fiona").contentType(ContentType.JSON).body(Map.of("job_name", "behind-the-firewall",
                        "executable_cmd", "cat input.bin input.bin > output.bin"))
                .post("/api/v1/job/create").then().statusCode(200).extract().path("jobid");
        byte[] input = new byte[1536 * 1024 + 11]; // more than one broker message part of 1 MiB
        new Random(11).nextBytes(input);
        as("fiona").multiPart("file", "input.bin", input).put("/api/v1/file/upload/" + jobid).then().statusCode(200)
                .body("message", equalTo("File uploaded."));
        as("fiona").patch("/api/v1/job/launch/" + jobid).then().statusCode(200).body("jobid", equalTo(jobid));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                "completed".equals(as("fiona").get("/api/v1/job/state/" + jobid).then().statusCode(200)
                        .extract().path("state")));
        byte[] output = as("fiona").queryParam("filename", "output.bin").get("/api/v1/file/download/" + jobid)
                .then().statusCode(200).extract().asByteArray();
        byte[] expected = new byte[input.length * 2];
        System.arraycopy(input, 0, expected, 0, input.length);
        System.arraycopy(input, 0, expected, input.length, input.length);
        assertArrayEquals(expected, output, "the binary output, byte for byte, through the broker");
        assertTrue(relay.log().contains("event=relayed"), "the relay inside answered");
    }

    private static RequestSpecification as(String user) {
        return given().baseUri(edge.url()).auth().oauth2(Tokens.of(user));
    }

    /** rabbitmqctl with {@code stdin} as its standard input (how it takes a password off the command line). */
    private static int rabbitmqctl(String stdin, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("rabbitmqctl " + arguments[0] + " did not end");
        }
        return process.exitValue();
    }
}
