package io.hpcgateway.frontend.scheduler;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a job was submitted with, as FirecREST's {@code metadata} route reports it. */
@Schema(name = "JobMetadata")
public record JobMetadata(long jobId, String script, String standardInput, String standardOutput,
                          String standardError) {}
