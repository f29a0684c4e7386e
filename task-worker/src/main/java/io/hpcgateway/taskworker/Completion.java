package io.hpcgateway.taskworker;

import com.fasterxml.jackson.databind.JsonNode;

/** The outcome of one task as the gateway's exchange takes it. */
record Completion(String task, int attempt, String status, JsonNode result, String error, long millis) {}
