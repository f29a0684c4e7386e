package io.hpcgateway.gateway.task;

import com.fasterxml.jackson.annotation.JsonValue;

/** starting (its pilot is queued) -> active (it exchanged with the gateway) -> draining -> gone. */
public enum WorkerState {
    STARTING, ACTIVE, DRAINING, GONE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    /** Counted against the caps and as capacity for outstanding work. */
    boolean counts() {
        return this == STARTING || this == ACTIVE;
    }
}
