package io.hpcgateway.gateway.idempotency;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * What the current request's {@code Idempotency-Key} means to the code that makes its effect:
 * the effect key to store with it, and whether the answer is a replay.
 */
@RequestScoped
public class IdempotentRequest {

    /**
     * The key to record on the effect (unique), and whether an earlier try of this very request
     * (whose claim this one took over) may have made the effect already: only then is it looked for.
     */
    public record Effect(String key, boolean mayExist) {}

    private Effect effect;
    private boolean effectKeyUsed;
    private boolean replayed;

    void begin(Effect effect) {
        this.effect = effect;
    }

    /**
     * The effect's key, if the request carries an Idempotency-Key. Once asked for, a failing
     * request keeps its claim: the effect may exist, and a retry must find it.
     */
    public Optional<Effect> effect() {
        effectKeyUsed = effect != null;
        return Optional.ofNullable(effect);
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
