package io.hpcgateway.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hpcgateway.gateway.event.GatewayEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seed 001's nine callbacks from the job state changes the log holds, and the charges and batch ends. */
class WebhookEventTest {

    @Test
    void eachTransitionNamesTheCallbacksItMeans() {
        assertEquals(List.of("job.submitted", "job.queued"), types("pending", "queued", null));
        assertEquals(List.of("job.started"), types("queued", "running", null));
        assertEquals(List.of("job.started"), types("queued", "starting", null));
        assertEquals(List.of(), types("starting", "running", null));
        assertEquals(List.of("job.suspended"), types("running", "suspended", null));
        assertEquals(List.of("job.resumed"), types("suspended", "running", null));
        assertEquals(List.of("job.queued"), types("running", "queued", null), "requeued");
        assertEquals(List.of("job.completed"), types("running", "completed", 0));
        assertEquals(List.of("job.timeout"), types("running", "timeout", null));
        assertEquals(List.of("job.cancelled"), types("queued", "cancelled", null));
        assertEquals(List.of(), types(null, "pending", null));
    }

    @Test
    void aJobThatRanBetweenTwoPollsStillStarted() {
        assertEquals(List.of("job.started", "job.completed"), types("queued", "completed", 0));
        assertEquals(List.of("job.started", "job.failed"), types("queued", "failed", 3));
        assertEquals(List.of("job.failed"), types("pending", "failed", null), "refused at launch: never ran");
    }

    @Test
    void idsAreStableAndCarryTheLogEntry() {
        GatewayEvent entry = entry("pending", "queued", null);
        List<WebhookEvent> events = WebhookEvent.of(entry);
        assertEquals(List.of("evt_41_submitted", "evt_41_queued"), events.stream().map(WebhookEvent::id).toList());
        assertEquals(events, WebhookEvent.of(entry));
        assertEquals("job-1", events.get(0).data().get("jobId"));
        assertEquals(List.of(), WebhookEvent.of(other("task.batch.submitted")), "not every kind is for webhooks");
    }

    @Test
    void chargesAndBatchEndsArePassedOnAsTheyAre() {
        GatewayEvent charge = other("job.charge");
        charge.data = Map.of("total", "1.20", "currency", "EUR");
        WebhookEvent charged = WebhookEvent.of(charge).get(0);
        assertEquals("job.charged", charged.type());
        assertEquals("evt_41_charged", charged.id());
        assertEquals(Map.of("jobId", "job-1", "total", "1.20", "currency", "EUR"), charged.data());
        GatewayEvent batch = other("task.batch.finished");
        batch.jobId = null;
        batch.data = Map.of("batch", "b1", "size", 3);
        assertEquals("task.batch.finished", WebhookEvent.of(batch).get(0).type());
        assertEquals(Map.of("batch", "b1", "size", 3), WebhookEvent.of(batch).get(0).data());
    }

    private static List<String> types(String from, String to, Integer exitCode) {
        return WebhookEvent.of(entry(from, to, exitCode)).stream().map(WebhookEvent::type).toList();
    }

    private static GatewayEvent entry(String from, String to, Integer exitCode) {
        GatewayEvent event = new GatewayEvent();
        event.id = 41;
        event.type = "job.state";
        event.jobId = "job-1";
        event.owner = "alice";
        event.at = Instant.parse("2026-12-04T10:00:00Z");
        Map<String, Object> data = new HashMap<>();
        data.put("from", from);
        data.put("to", to);
        data.put("exitCode", exitCode);
        event.data = data;
        return event;
    }

    private static GatewayEvent other(String type) {
        GatewayEvent event = entry(null, null, null);
        event.type = type;
        return event;
    }
}
