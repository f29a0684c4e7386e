package io.hpcgateway.gateway.platform;

/** A CDI event: a request was answered with a 4xx; {@code actor} is null for an anonymous caller. */
public record RequestRefused(int status, String error, String method, String path, String actor) {}
