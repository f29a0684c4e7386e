package io.hpcgateway.frontend.platform;

/** FirecREST wraps most answers as {@code {"output": ...}}. */
public record Output<T>(T output) {}
