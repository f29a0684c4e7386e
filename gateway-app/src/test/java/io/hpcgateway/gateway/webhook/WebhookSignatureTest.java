package io.hpcgateway.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The signature is Standard Webhooks': the specification's own example verifies. */
class WebhookSignatureTest {

    @Test
    void theSpecificationsExampleSignsAsItSays() {
        // standard-webhooks/spec/standard-webhooks.md, "Signature scheme"; the libraries' test vector.
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                        1614265330, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRotatedOutSecretSignsBesideTheNewOneUntilItsOverlapEnds() {
        Webhook webhook = new Webhook();
        webhook.secret = WebhookSignature.newSecret();
        webhook.previousSecret = WebhookSignature.newSecret();
        webhook.previousUntil = Instant.parse("2026-12-04T12:00:00Z");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String both = WebhookSignature.header(webhook, "evt_1_queued", 1, body, Instant.parse("2026-12-04T11:59:59Z"));
        assertEquals(WebhookSignature.sign(webhook.secret, "evt_1_queued", 1, body) + " "
                + WebhookSignature.sign(webhook.previousSecret, "evt_1_queued", 1, body), both);
        assertEquals(WebhookSignature.sign(webhook.secret, "evt_1_queued", 1, body),
                WebhookSignature.header(webhook, "evt_1_queued", 1, body, Instant.parse("2026-12-04T12:00:00Z")));
    }

    @Test
    void secretsAreFreshAndOfTheSpecifiedForm() {
        String one = WebhookSignature.newSecret();
        assertTrue(one.matches("whsec_[A-Za-z0-9+/]{43}="), one);
        assertNotEquals(one, WebhookSignature.newSecret());
    }
}
