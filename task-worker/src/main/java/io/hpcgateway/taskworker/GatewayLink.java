package io.hpcgateway.taskworker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The worker's two calls to the gateway. A call that fails for a reason that may pass (no answer,
 * 429, 5xx) is reported as {@link Unreachable} and tried again later with the same completions;
 * one that never will (the worker ended, the token refused) as {@link Refused}.
 */
final class GatewayLink {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    /** {@code /api/v2/task-workers/{worker}/} for a worker; {@code /api/v2/task-workers/} to enrol one. */
    private final URI base;
    private final String authorization;

    GatewayLink(Settings settings) {
        this(URI.create(settings.gateway() + "/api/v2/task-workers/" + settings.worker() + "/"), settings.token());
    }

    private GatewayLink(URI base, String token) {
        this.base = base;
        this.authorization = "Bearer " + token;
    }

    /** The worker a pod's enrolment bought. */
    record Enrolled(String worker, String token) {}

    /** The gateway's answer to an exchange. */
    record Answer(Set<String> acknowledged, List<LeasedTask> tasks, Duration lease, boolean drain) {}

    Answer exchange(List<Completion> completions, int want, Double secondsLeft) throws Unreachable, Refused {
        ObjectNode body = json.createObjectNode();
        ArrayNode done = body.putArray("completions");
        for (Completion c : completions) {
            ObjectNode node = done.addObject().put("task", c.task()).put("attempt", c.attempt())
                    .put("status", c.status()).put("startedAt", c.startedAt()).put("millis", c.millis());
            if (c.result() != null) {
                node.set("result", c.result());
            }
            if (c.error() != null) {
                node.put("error", c.error());
            }
        }
        body.put("want", want);
        if (secondsLeft != null) {
            body.put("secondsLeft", secondsLeft);
        }
        JsonNode answer = post(base.resolve("exchange"), body);
        Set<String> acknowledged = new HashSet<>();
        answer.path("acknowledged").forEach(id -> acknowledged.add(id.asText()));
        List<LeasedTask> tasks = new ArrayList<>();
        answer.path("tasks").forEach(task -> tasks.add(LeasedTask.of(task)));
        return new Answer(acknowledged, tasks, Duration.ofSeconds(answer.path("leaseSeconds").asLong(30)),
                answer.path("drain").asBoolean());
    }

    void leave(List<String> returned, String reason) throws Unreachable, Refused {
        ObjectNode body = json.createObjectNode().put("reason", reason);
        ArrayNode ids = body.putArray("returned");
        returned.forEach(ids::add);
        post(base.resolve("leave"), body);
    }

    /**
     * A pod's first call: its pool's enrolment token buys a worker of its own, with the worker's
     * token. The answer's {@code worker} and {@code token}.
     */
    static Enrolled enrol(URI gateway, String enrolmentToken) throws Unreachable, Refused {
        GatewayLink link = new GatewayLink(URI.create(gateway + "/api/v2/task-workers/"), enrolmentToken);
        JsonNode answer = link.post(link.base.resolve("enrol"), link.json.createObjectNode());
        if (!answer.path("worker").isTextual() || !answer.path("token").isTextual()) {
            throw new Unreachable("the gateway's enrolment answer names no worker and token");
        }
        return new Enrolled(answer.get("worker").asText(), answer.get("token").asText());
    }

    private JsonNode post(URI uri, JsonNode body) throws Unreachable, Refused {
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unreachable("the gateway did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
        int status = response.statusCode();
        if (status == 204) {
            return json.createObjectNode();
        }
        if (status == 429 || status >= 500) {
            throw new Unreachable("the gateway answered " + status);
        }
        if (status >= 400) {
            throw new Refused(status, message(response.body()));
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new Unreachable("the gateway's answer is not JSON");
        }
    }

    private String message(byte[] body) {
        try {
            return json.readTree(body).path("message").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    /** The gateway could not be reached, or could not answer now. */
    static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message);
        }
    }

    /** The gateway refused the worker: it has ended, or its token is no good. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(status + " " + message);
            this.status = status;
        }
    }
}
