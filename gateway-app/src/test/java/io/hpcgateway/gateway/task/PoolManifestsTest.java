package io.hpcgateway.gateway.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.hpcgateway.gateway.support.Reactor;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/k8s/task-pool-example.yaml} is what the gateway makes for a pool with the shipped
 * defaults (application.properties without a profile), so the example cannot drift from the code.
 * {@code -Dhpcgw.write-examples=true} writes it afresh after a deliberate change.
 */
class PoolManifestsTest {

    private static final Path EXAMPLE = Reactor.path("deploy/k8s/task-pool-example.yaml");
    private static final String HEADER = """
            # A task pool as the gateway makes it (gateway.tasks.kubernetes.enabled=true), with the shipped
            # defaults, for alice's tasks of the pi image: written by PoolManifestsTest from the code and
            # checked against it. Not applied by kustomization.yaml: the gateway applies and removes these.
            """;

    @Test
    void theExampleInDeployK8sIsWhatTheGatewayMakes() throws IOException {
        // Quarkus's own reading of durations ("60s"), as the application has it.
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(TaskConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(PoolManifestsTest.class.getResource("/application.properties")))
                .build();
        TaskPool pool = new TaskPool();
        pool.id = "0123456789abcdef";
        pool.owner = "alice";
        pool.clusterUser = "alice";
        pool.cluster = "local";
        pool.image = "pi";
        pool.uid = 1001;
        pool.gid = 1001;
        pool.groups = List.of(1001L);
        pool.generation = 1;
        TaskConfig tasks = config.getConfigMapping(TaskConfig.class);
        PoolManifests.PoolObjects objects = new PoolManifests(tasks)
                .of(pool, tasks.images().get("pi").reference(), "<the pool's enrolment token>");
        String yaml = HEADER + Stream.of(objects.secret(), objects.deployment(), objects.scaledObject())
                .map(Serialization::asYaml).collect(Collectors.joining());
        if (Boolean.getBoolean("hpcgw.write-examples")) {
            Files.writeString(EXAMPLE, yaml);
        }
        assertEquals(yaml, Files.readString(EXAMPLE), EXAMPLE + " is not what the gateway makes: after a deliberate "
                + "change, run this test with -Dhpcgw.write-examples=true");
    }
}
