package io.hpcgateway.frontend;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The front end on the real SLURM that deploy/local/slurm-up.sh brings up. */
public class SlurmBackendProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("frontend.scheduler", "slurm", "frontend.system-name", "hpcgw",
                "frontend.files.max-direct-transfer-size", "16M");
    }
}
