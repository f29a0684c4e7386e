package io.hpcgateway.taskworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pod's settings from its environment: what the pool's Deployment sets, and what is wrong with it. */
class SettingsTest {

    private static final Map<String, String> POD = Map.of("HPCGW_GATEWAY", "http://gateway:8080/",
            "HPCGW_ENROLMENT_TOKEN", "t0ken", "HPCGW_IMAGE", "registry/pi:1.0",
            "HPCGW_IMAGE_URL", "http://127.0.0.1:8601/", "HPCGW_CLIENT_PORT", "8602", "HPCGW_DRAIN_SECONDS", "115");

    @Test
    void aPodsEnvironmentNamesItsPoolImageAndPorts() throws IOException {
        Settings settings = Settings.fromEnvironment(POD);
        assertEquals(URI.create("http://gateway:8080"), settings.gateway());
        assertEquals(new Settings.Pod("t0ken", URI.create("http://127.0.0.1:8601/"), 8602), settings.pod().orElseThrow());
        assertEquals(Duration.ofSeconds(115), settings.drain());
        assertEquals(Settings.DEFAULT_PREFETCH, settings.prefetch());
        assertTrue(settings.idleTimeout().compareTo(Duration.ofDays(365)) > 0, "a pod does not leave when idle");
        Settings enrolled = settings.enrolled("w1", "worker-token");
        assertEquals("w1", enrolled.worker());
        assertEquals("worker-token", enrolled.token());
        assertEquals(settings.pod(), enrolled.pod());
    }

    @Test
    void aMissingOrBadVariableIsNamed() {
        for (String missing : new String[] {"HPCGW_GATEWAY", "HPCGW_ENROLMENT_TOKEN", "HPCGW_IMAGE_URL",
                "HPCGW_CLIENT_PORT"}) {
            Map<String, String> env = new HashMap<>(POD);
            env.remove(missing);
            assertEquals(missing + " is not set", assertThrows(IOException.class,
                    () -> Settings.fromEnvironment(env)).getMessage());
        }
        Map<String, String> env = new HashMap<>(POD);
        env.put("HPCGW_CLIENT_PORT", "eighty");
        assertEquals("HPCGW_CLIENT_PORT is not a number: eighty",
                assertThrows(IOException.class, () -> Settings.fromEnvironment(env)).getMessage());
    }
}
