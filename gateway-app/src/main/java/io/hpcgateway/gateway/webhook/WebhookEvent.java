package io.hpcgateway.gateway.webhook;

import io.hpcgateway.gateway.event.GatewayEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a webhook is told, read off the event log: seed 001's nine lifecycle callbacks from the
 * job state changes (submitted and queued: the scheduler took the job; started, completed, failed,
 * cancelled, timeout, suspended and resumed), a job's final charge ({@code job.charged}) and the
 * end of a task batch ({@code task.batch.finished}). Each has a stable id,
 * {@code evt_<log id>_<name>}, the same on every retry, so a receiver drops what it has seen.
 */
public record WebhookEvent(String id, String type, long logId, Instant at, Map<String, Object> data) {

    public static final Set<String> TYPES = Set.of("job.submitted", "job.queued", "job.started", "job.completed",
            "job.failed", "job.cancelled", "job.timeout", "job.suspended", "job.resumed", "job.charged",
            "task.batch.finished");
    private static final String JOB_STATE = "job.state";
    /** Log entries passed on as they are, under the webhook type they are known by. */
    private static final Map<String, String> AS_THEY_ARE = Map.of("job.charge", "job.charged",
            "task.batch.finished", "task.batch.finished");

    /** The events one log entry makes for webhooks, in the order they happened (none for most kinds). */
    static List<WebhookEvent> of(GatewayEvent event) {
        if (event.data == null) {
            return List.of();
        }
        String type = AS_THEY_ARE.get(event.type);
        if (type != null) {
            Map<String, Object> data = new LinkedHashMap<>();
            if (event.jobId != null) {
                data.put("jobId", event.jobId);
            }
            data.putAll(event.data);
            return List.of(new WebhookEvent("evt_" + event.id + "_" + type.substring(type.lastIndexOf('.') + 1), type,
                    event.id, event.at, data));
        }
        if (!JOB_STATE.equals(event.type)) {
            return List.of();
        }
        String from = (String) event.data.get("from");
        String to = (String) event.data.get("to");
        List<WebhookEvent> events = new ArrayList<>();
        for (String name : names(from, to, event.data.get("exitCode") != null)) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("jobId", event.jobId);
            data.put("name", event.data.get("name"));
            data.put("cluster", event.data.get("cluster"));
            data.put("state", to);
            data.put("previousState", from);
            data.put("reason", event.data.get("reason"));
            data.put("schedulerJobId", event.data.get("schedulerJobId"));
            data.put("exitCode", event.data.get("exitCode"));
            data.values().removeIf(java.util.Objects::isNull);
            events.add(new WebhookEvent("evt_" + event.id + "_" + name, "job." + name, event.id, event.at, data));
        }
        return events;
    }

    /**
     * A job the reconciler saw go from queued straight to its end (it ran between two polls) still
     * gets its {@code started}: it ran if it completed or timed out, or failed with an exit code.
     */
    private static List<String> names(String from, String to, boolean exited) {
        if (to == null) {
            return List.of();
        }
        boolean neverSeenRunning = "queued".equals(from) || "pending".equals(from);
        return switch (to) {
            case "queued" -> "pending".equals(from) ? List.of("submitted", "queued") : List.of("queued");
            case "starting" -> List.of("started");
            case "running" -> "suspended".equals(from) ? List.of("resumed")
                    : "starting".equals(from) ? List.of() : List.of("started");
            case "suspended" -> List.of("suspended");
            case "completed", "timeout" -> neverSeenRunning ? List.of("started", to) : List.of(to);
            case "failed" -> neverSeenRunning && exited ? List.of("started", to) : List.of(to);
            case "cancelled" -> List.of(to);
            default -> List.of();
        };
    }

    boolean isFinal() {
        return type.equals("job.completed") || type.equals("job.failed") || type.equals("job.cancelled")
                || type.equals("job.timeout");
    }
}
