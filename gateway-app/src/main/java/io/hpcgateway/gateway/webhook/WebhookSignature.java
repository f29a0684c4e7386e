package io.hpcgateway.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature (standardwebhooks.com), so receivers verify with that spec's
 * libraries: HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>} with the secret's
 * key, sent as {@code webhook-signature: v1,<base64>} beside {@code webhook-id} and
 * {@code webhook-timestamp} (seconds). The timestamp inside the signature is what makes a replay
 * detectable: receivers refuse old timestamps and ids they have seen.
 */
final class WebhookSignature {

    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {}

    /** A new secret: 32 random bytes. */
    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The header's value for a webhook: its secret's signature and, while a rotated-out secret still
     * overlaps, that one's too, space-separated as the specification lets a sender do.
     */
    static String header(Webhook webhook, String id, long timestampSeconds, byte[] body, Instant now) {
        String signatures = sign(webhook.secret, id, timestampSeconds, body);
        if (webhook.previousSecret != null && webhook.previousUntil != null && now.isBefore(webhook.previousUntil)) {
            signatures += " " + sign(webhook.previousSecret, id, timestampSeconds, body);
        }
        return signatures;
    }

    static String sign(String secret, String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
