package io.hpcgateway.frontend;

import io.hpcgateway.frontend.support.PerUserRoots;
import io.hpcgateway.frontend.support.S3Store;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIf;

/** The local executor with every job and file operation started as the user's account (setpriv, from root). */
@QuarkusTest
@TestProfile(SetuidLocalBackendTest.Profile.class)
@EnabledIf("io.hpcgateway.frontend.support.Accounts#setuidPossible")
class SetuidLocalBackendTest extends PerUserContractTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("frontend.scheduler", "local", "frontend.system-name", "local",
                    "frontend.identity.mode", "setuid", "frontend.files.max-direct-transfer-size", "16M",
                "frontend.staging.max-part-size", "5M",
                    "frontend.local.kill-grace-period", "2s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PerUserRoots.class, Map.of("mode", "setuid")),
                    new TestResourceEntry(S3Store.class));
        }
    }

    @Override
    String system() {
        return "local";
    }

    @Override
    String schedulerType() {
        return "local";
    }
}
