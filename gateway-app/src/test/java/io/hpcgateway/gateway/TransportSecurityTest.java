package io.hpcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hpcgateway.http.TestCertificates;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway serving HTTPS from a PEM certificate and key made with openssl for this run: plain
 * HTTP redirects there, answers over TLS carry HSTS, and every answer and access-log line carries
 * the request's id.
 */
@QuarkusTest
@TestProfile(TransportSecurityTest.Tls.class)
class TransportSecurityTest {

    static final TestCertificates CERTIFICATES = TestCertificates.in(Path.of("target/tls"));

    public static class Tls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.ssl.certificate.files", CERTIFICATES.certificate().toAbsolutePath().toString(),
                    "quarkus.http.ssl.certificate.key-files", CERTIFICATES.key().toAbsolutePath().toString(),
                    // A fixed port: with a random one the redirect names the placeholder, not the port.
                    "quarkus.http.test-ssl-port", String.valueOf(TestCertificates.freePort()),
                    "quarkus.http.test-port", String.valueOf(TestCertificates.freePort()), "quarkus.http.insecure-requests", "redirect");
        }
    }


    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @TestHTTPResource("/")
    URL http;

    final List<ExtLogRecord> accessLog = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // The record reads the MDC of the thread that logs it, until it is copied: copy it here.
            ExtLogRecord line = (ExtLogRecord) record;
            line.copyMdc();
            accessLog.add(line);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureAccessLog() {
        Logger.getLogger("io.quarkus.http.access-log").addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger("io.quarkus.http.access-log").removeHandler(capture);
    }

    @Test
    void httpsAnswersWithHstsAndTheCertificateVerifiesAgainstTheTestCa() {
        given().config(trusting()).get(https + "q/health/live").then().statusCode(200)
                .header("Strict-Transport-Security", equalTo("max-age=31536000"));
        given().config(trusting()).get(https + "api/v2/me").then().statusCode(401)
                .header("Strict-Transport-Security", equalTo("max-age=31536000"));
    }

    @Test
    void plainHttpRedirectsToHttpsAndCarriesNoHsts() {
        given().config(RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)))
                .get(http + "api/v2/jobs?limit=5").then().statusCode(301)
                .header("Location", equalTo("https://" + https.getHost() + ":" + https.getPort() + "/api/v2/jobs?limit=5"))
                .header("Strict-Transport-Security", nullValue());
    }

    @Test
    void aCallersPlainRequestIdIsKeptAnsweredAndOnItsAccessLogLine() {
        given().config(trusting()).header("X-Request-Id", "mkt-7f3a.42").get(https + "api/v2/me").then()
                .statusCode(401).header("X-Request-Id", equalTo("mkt-7f3a.42"));
        await().atMost(Duration.ofSeconds(10)).until(() -> accessLog.stream()
                .anyMatch(r -> "mkt-7f3a.42".equals(r.getMdc("requestId"))));
        ExtLogRecord line = accessLog.stream().filter(r -> "mkt-7f3a.42".equals(r.getMdc("requestId"))).findFirst()
                .orElseThrow();
        assertEquals(true, line.getFormattedMessage().startsWith("GET /api/v2/me 401 "), line.getFormattedMessage());
    }

    @Test
    void anyOtherRequestIdIsReplacedSoNoCallerWritesIntoTheLogs() {
        for (String offered : List.of("a b", "x".repeat(65), "id\u0007", "")) {
            given().config(trusting()).header("X-Request-Id", offered).get(https + "q/health/live").then().statusCode(200)
                    .header("X-Request-Id", matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        }
        given().config(trusting()).get(https + "q/health/live").then()
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    static RestAssuredConfig trusting() {
        return RestAssuredConfig.config().sslConfig(SSLConfig.sslConfig().trustStore(CERTIFICATES.trustStore()));
    }
}
