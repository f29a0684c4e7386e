package io.hpcgateway.gateway.template;

/** A CDI event: the template version {@code ref} was revoked; the jobs running from it must stop. */
public record TemplateRevoked(String ref, String reason) {}
