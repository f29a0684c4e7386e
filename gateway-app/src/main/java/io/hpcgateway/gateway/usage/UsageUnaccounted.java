package io.hpcgateway.gateway.usage;

import io.hpcgateway.gateway.job.GatewayJob;

/** Accounting never completed for a finished job within the deadline: it has no final record. */
public record UsageUnaccounted(GatewayJob job, String reason) {}
