package io.hpcgateway.frontend;

import io.hpcgateway.frontend.support.S3Store;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The front end on the real SLURM that deploy/local/slurm-up.sh brings up. */
public class SlurmBackendProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("frontend.scheduler", "slurm", "frontend.system-name", "hpcgw",
                "frontend.files.max-direct-transfer-size", "16M",
                "frontend.staging.max-part-size", "5M");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3Store.class));
    }
}
