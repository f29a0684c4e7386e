package io.hpcgateway.gateway.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.GatewayProcess;
import io.hpcgateway.gateway.support.Tokens;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A stream is a request that never ends: on SIGTERM the gateway ends its open streams at once
 * (their clients resume elsewhere with Last-Event-ID) instead of waiting its whole 30 s shutdown
 * timeout for them.
 */
class EventStreamShutdownIT {

    @Test
    void openStreamsDoNotHoldUpAGracefulShutdown() throws Exception {
        GatewayProcess gateway = new GatewayProcess(Files.createTempDirectory(
                Files.createDirectories(FrontendProcess.DATA), "shutdown-"),
                Map.of("gateway.auth.dev-key-directory", FrontendProcess.KEYS.toString()));
        gateway.start();
        try {
            HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(gateway.url() + "/api/v2/events")).header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + Tokens.of("sam")).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, stream.statusCode());
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); !"event:stream.open".equals(line); line = lines.readLine()) {
                assertTrue(line != null, "the stream ended before it opened");
            }
            gateway.terminate();
            assertTrue(gateway.awaitExit(Duration.ofSeconds(10)), "the gateway still runs 10 s after SIGTERM");
        } finally {
            gateway.stop();
        }
    }
}
