package io.hpcgateway.frontend;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(LocalBackendProfile.class)
class LocalBackendTest extends FrontendContractTest {

    @Override
    String system() {
        return "local";
    }

    @Override
    String schedulerType() {
        return "local";
    }
}
