package io.hpcgateway.gateway.job;

/** A CDI event: a job moved from one state to another (fired after the change is stored). */
public record JobTransition(GatewayJob job, JobState from, JobState to, String reason) {}
