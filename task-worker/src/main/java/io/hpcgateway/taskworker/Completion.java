package io.hpcgateway.taskworker;

import com.fasterxml.jackson.databind.JsonNode;

/** The outcome of one task as the gateway's exchange takes it: when it started (epoch ms) and how long it ran. */
record Completion(String task, int attempt, String status, JsonNode result, String error, long startedAt, long millis) {}
