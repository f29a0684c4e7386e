package io.hpcgateway.gateway.billing;

/** One discount a charge qualifies for: its type (volume, loyalty, promo), why, and its basis points. */
public record Discount(String type, String reason, int bps) {}
