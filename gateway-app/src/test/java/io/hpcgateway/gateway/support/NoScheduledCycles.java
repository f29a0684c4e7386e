package io.hpcgateway.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A test profile without the scheduled cycles (reconcile, usage), so a test counts its own calls alone. */
public class NoScheduledCycles implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.scheduler.enabled", "false");
    }
}
