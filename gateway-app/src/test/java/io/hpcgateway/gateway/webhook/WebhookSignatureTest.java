package io.hpcgateway.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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
    void secretsAreFreshAndOfTheSpecifiedForm() {
        String one = WebhookSignature.newSecret();
        assertTrue(one.matches("whsec_[A-Za-z0-9+/]{43}="), one);
        assertNotEquals(one, WebhookSignature.newSecret());
    }
}
