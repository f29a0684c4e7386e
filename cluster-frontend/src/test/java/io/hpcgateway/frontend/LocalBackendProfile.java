package io.hpcgateway.frontend;

import io.hpcgateway.frontend.support.S3Store;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The front end on the local process executor. */
public class LocalBackendProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("frontend.scheduler", "local", "frontend.system-name", "local",
                "frontend.files.max-direct-transfer-size", "16M",
                "frontend.staging.max-part-size", "5M", "frontend.local.kill-grace-period", "2s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3Store.class));
    }
}
