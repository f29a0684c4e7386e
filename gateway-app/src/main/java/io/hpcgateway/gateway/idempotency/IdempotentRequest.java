package io.hpcgateway.gateway.idempotency;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * What the current request's {@code Idempotency-Key} means to the code that makes its effect:
 * the effect key to store with it, and whether the answer is a replay.
 */
@RequestScoped
public class IdempotentRequest {

    private String effectKey;
    private boolean effectKeyUsed;
    private boolean replayed;

    void begin(String effectKey) {
        this.effectKey = effectKey;
    }

    /**
     * The key to record on the effect (unique), if the request carries one. Once asked for, a
     * failing request keeps its claim: the effect may exist, and a retry must find it.
     */
    public Optional<String> effectKey() {
        effectKeyUsed = effectKey != null;
        return Optional.ofNullable(effectKey);
    }

    boolean effectKeyUsed() {
        return effectKeyUsed;
    }

    void markReplayed() {
        replayed = true;
    }

    boolean replayed() {
        return replayed;
    }
}
