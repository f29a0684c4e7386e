package io.hpcgateway.frontend;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hpcgateway.http.TestCertificates;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The front end serving HTTPS alone from a PEM certificate and key made with openssl for this run:
 * plain HTTP is off (nothing listens), answers carry HSTS and a request id.
 */
@QuarkusTest
@TestProfile(TransportSecurityTest.HttpsOnly.class)
class TransportSecurityTest {

    static final TestCertificates CERTIFICATES = TestCertificates.in(Path.of("target/tls"));
    static final int PLAIN_PORT = TestCertificates.freePort();

    public static class HttpsOnly extends LocalBackendProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.putAll(Map.of("quarkus.http.ssl.certificate.files", CERTIFICATES.certificate().toAbsolutePath().toString(),
                    "quarkus.http.ssl.certificate.key-files", CERTIFICATES.key().toAbsolutePath().toString(),
                    "quarkus.http.test-ssl-port", String.valueOf(TestCertificates.freePort()),
                    "quarkus.http.test-port", String.valueOf(PLAIN_PORT), "quarkus.http.insecure-requests", "disabled"));
            return config;
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Test
    void httpsAnswersWithHstsAndARequestId() {
        given().config(trusting()).header("X-Request-Id", "gw-1234").get(https + "status/liveness/").then()
                .statusCode(200).header("Strict-Transport-Security", equalTo("max-age=31536000"))
                .header("X-Request-Id", equalTo("gw-1234"));
    }

    @Test
    void plainHttpIsOff() {
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", PLAIN_PORT).close());
    }

    static RestAssuredConfig trusting() {
        return RestAssuredConfig.config().sslConfig(SSLConfig.sslConfig().trustStore(CERTIFICATES.trustStore()));
    }
}
