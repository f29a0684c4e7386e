package io.hpcgateway.gateway.template;

/**
 * A CDI event: an admin (or the publisher) moved a template version to a new status;
 * {@code publisher} is the subject who submitted it (null for the built-ins).
 */
public record TemplateDecided(String ref, String status, String by, String reason, String publisher) {}
