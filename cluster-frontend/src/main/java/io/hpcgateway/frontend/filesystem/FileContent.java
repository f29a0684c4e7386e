package io.hpcgateway.frontend.filesystem;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Part of a file for {@code head} and {@code tail}, as FirecREST returns it. */
@Schema(name = "FileContent")
public record FileContent(String content, String contentType, long startPosition, long endPosition) {}
