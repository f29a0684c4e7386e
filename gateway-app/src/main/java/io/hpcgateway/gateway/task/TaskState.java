package io.hpcgateway.gateway.task;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * A task's lifecycle: queued -> leased (a worker holds it) -> completed | failed | killed, back to
 * queued when a lease expires with tries left; cancelled by its user while not final. The final
 * states are seed 003's completion statuses.
 */
public enum TaskState {
    QUEUED, LEASED, COMPLETED, FAILED, KILLED, CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    public boolean isFinal() {
        return this != QUEUED && this != LEASED;
    }

    /** A worker's completion status ({@code completed}, {@code failed}, {@code killed}); empty for anything else. */
    static Optional<TaskState> ofStatus(String status) {
        return switch (status == null ? "" : status) {
            case "completed" -> Optional.of(COMPLETED);
            case "failed" -> Optional.of(FAILED);
            case "killed" -> Optional.of(KILLED);
            default -> Optional.empty();
        };
    }
}
