package io.hpcgateway.taskworker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a worker is told (the gateway writes it into a pilot's job folder; {@code hpcgw tasks
 * worker} writes it for a worker a user runs): whom to ask for tasks, with which token, and the
 * image program to run them with.
 */
public record Settings(URI gateway, String worker, String token, String image, String imageCommand, int prefetch,
                       Duration idleTimeout, Optional<Duration> walltime) {

    static final int DEFAULT_PREFETCH = 16;
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    static Settings read(Path file) throws IOException {
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        String command = text(json, "imageCommand", file);
        return new Settings(URI.create(text(json, "gateway", file).replaceAll("/+$", "")), text(json, "worker", file),
                text(json, "token", file), json.path("image").asText(command), command,
                Math.max(1, json.path("prefetch").asInt(DEFAULT_PREFETCH)),
                json.has("idleTimeoutSeconds") ? Duration.ofSeconds(json.get("idleTimeoutSeconds").asLong())
                        : DEFAULT_IDLE_TIMEOUT,
                json.hasNonNull("walltimeSeconds") ? Optional.of(Duration.ofSeconds(json.get("walltimeSeconds").asLong()))
                        : Optional.empty());
    }

    private static String text(JsonNode json, String field, Path file) throws IOException {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IOException(file + " has no '" + field + "'");
        }
        return value.asText();
    }
}
