package io.hpcgateway.gateway.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Lifecycle callbacks ({@code gateway.webhooks.*}, README "Webhooks"). */
@ConfigMapping(prefix = "gateway.webhooks")
public interface WebhookConfig {

    /** How often each gateway looks for events to deliver (its own events wake it at once). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Connect and answer timeout of one delivery: a receiver slower than this counts as down. */
    @WithDefault("5s")
    Duration timeout();

    /** The wait before the first retry of an undelivered event; it doubles with each failure. */
    @WithDefault("1s")
    Duration firstRetry();

    /** The longest wait between retries: a receiver down for hours is tried this often. */
    @WithDefault("10m")
    Duration maxRetry();

    /**
     * Networks (CIDR) that deliveries may reach although they are private, loopback or link-local,
     * and over plain HTTP: the provider's own receivers. None by default: every receiver is public
     * and HTTPS.
     */
    Optional<List<String>> allowedPrivateNetworks();

    /**
     * How long a rotated-out secret keeps signing beside the new one (Standard Webhooks sends both
     * signatures), so receivers can switch without missing a delivery.
     */
    @WithDefault("24h")
    Duration secretOverlap();

    /** Webhooks one user may register (a job's callback does not count). */
    @WithDefault("20")
    int maxPerUser();
}
