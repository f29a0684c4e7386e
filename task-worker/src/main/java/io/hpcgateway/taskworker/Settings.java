package io.hpcgateway.taskworker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a worker is told. A pilot's comes from a file (the gateway writes it into the pilot's job
 * folder; {@code hpcgw tasks worker} writes it for a worker a user runs), naming the worker, its
 * token and the image program to start. A Kubernetes pod's comes from its environment
 * ({@link #fromEnvironment}): the pool's enrolment token, from which the worker gets its id and
 * token, and the image already running in the pod's other container.
 */
public record Settings(URI gateway, String worker, String token, String image, String imageCommand, int prefetch,
                       Duration idleTimeout, Optional<Duration> walltime, Duration drain, Optional<Pod> pod) {

    static final int DEFAULT_PREFETCH = 16;
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** How long SIGTERM waits for the running task and the last report; SLURM's KillWait is 30 s by default. */
    static final Duration DEFAULT_DRAIN = Duration.ofSeconds(25);
    /**
     * A pod never leaves for being idle: its Deployment would start it again. KEDA scales the
     * pool down instead, after the idle timeout, and the pod drains on its SIGTERM.
     */
    static final Duration NEVER = Duration.ofDays(3650);

    /** A worker in a Kubernetes pod: enrols itself, and talks to the image in the pod's other container. */
    public record Pod(String enrolmentToken, URI imageUrl, int clientPort) {}

    static Settings read(Path file) throws IOException {
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        String command = text(json, "imageCommand", file);
        return new Settings(gatewayUrl(text(json, "gateway", file)), text(json, "worker", file),
                text(json, "token", file), json.path("image").asText(command), command,
                Math.max(1, json.path("prefetch").asInt(DEFAULT_PREFETCH)),
                json.has("idleTimeoutSeconds") ? Duration.ofSeconds(json.get("idleTimeoutSeconds").asLong())
                        : DEFAULT_IDLE_TIMEOUT,
                json.hasNonNull("walltimeSeconds") ? Optional.of(Duration.ofSeconds(json.get("walltimeSeconds").asLong()))
                        : Optional.empty(), DEFAULT_DRAIN, Optional.empty());
    }

    /**
     * A pod's settings: {@code HPCGW_GATEWAY}, {@code HPCGW_ENROLMENT_TOKEN}, {@code HPCGW_IMAGE}
     * (its reference), {@code HPCGW_IMAGE_URL} (where the image listens), {@code HPCGW_CLIENT_PORT}
     * (where the image reports), and optionally {@code HPCGW_PREFETCH} and {@code HPCGW_DRAIN_SECONDS}.
     */
    static Settings fromEnvironment(Map<String, String> env) throws IOException {
        Pod pod = new Pod(variable(env, "HPCGW_ENROLMENT_TOKEN"), URI.create(variable(env, "HPCGW_IMAGE_URL")),
                number(env, "HPCGW_CLIENT_PORT", null));
        return new Settings(gatewayUrl(variable(env, "HPCGW_GATEWAY")), null, null, variable(env, "HPCGW_IMAGE"), null,
                Math.max(1, number(env, "HPCGW_PREFETCH", DEFAULT_PREFETCH)), NEVER, Optional.empty(),
                Duration.ofSeconds(number(env, "HPCGW_DRAIN_SECONDS", (int) DEFAULT_DRAIN.toSeconds())),
                Optional.of(pod));
    }

    /** The same settings for the worker the gateway enrolled. */
    Settings enrolled(String workerId, String workerToken) {
        return new Settings(gateway, workerId, workerToken, image, imageCommand, prefetch, idleTimeout, walltime, drain,
                pod);
    }

    private static URI gatewayUrl(String url) {
        return URI.create(url.replaceAll("/+$", ""));
    }

    private static String text(JsonNode json, String field, Path file) throws IOException {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IOException(file + " has no '" + field + "'");
        }
        return value.asText();
    }

    private static String variable(Map<String, String> env, String name) throws IOException {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IOException(name + " is not set");
        }
        return value;
    }

    private static int number(Map<String, String> env, String name, Integer otherwise) throws IOException {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            if (otherwise == null) {
                throw new IOException(name + " is not set");
            }
            return otherwise;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IOException(name + " is not a number: " + value);
        }
    }
}
