package io.hpcgateway.frontend;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The front end on the local process executor. */
public class LocalBackendProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("frontend.scheduler", "local", "frontend.system-name", "local",
                "frontend.files.max-direct-transfer-size", "16M", "frontend.local.kill-grace-period", "2s");
    }
}
