package io.hpcgateway.gateway.usage;

/** A usage record was written; {@code previousState} is the job state the record before it carried. */
public record UsageReported(UsageRecord record, String previousState) {}
