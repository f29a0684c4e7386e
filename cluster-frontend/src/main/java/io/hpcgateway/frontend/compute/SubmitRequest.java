package io.hpcgateway.frontend.compute;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** FirecREST v2 submission body: {@code {"job": {...}}}. */
@Schema(name = "SubmitRequest")
public record SubmitRequest(JobDescription job) {}
