package io.hpcgateway.taskworker;

import com.fasterxml.jackson.databind.JsonNode;

/** A task the gateway leased to this worker, for one attempt. */
record LeasedTask(String id, int attempt, JsonNode payload, double estimatedSeconds) {

    static LeasedTask of(JsonNode task) {
        return new LeasedTask(task.get("id").asText(), task.get("attempt").asInt(), task.get("payload"),
                task.path("estimatedSeconds").asDouble());
    }
}
