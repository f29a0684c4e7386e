package io.hpcgateway.gateway.template;

/** A CDI event: an admin (or the publisher) moved a template version to a new status. */
public record TemplateDecided(String ref, String status, String by, String reason) {}
