package io.hpcgateway.gateway.template;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.Set;

/** Seed 000's approval states; the allowed moves are in one table. */
public enum TemplateStatus {
    PENDING, APPROVED, REJECTED, DEPRECATED, REVOKED;

    private static final Map<TemplateStatus, Set<TemplateStatus>> MOVES = Map.of(
            PENDING, Set.of(APPROVED, REJECTED, REVOKED),
            APPROVED, Set.of(DEPRECATED, REVOKED),
            REJECTED, Set.of(REVOKED),
            DEPRECATED, Set.of(REVOKED),
            REVOKED, Set.of());

    public boolean canBecome(TemplateStatus next) {
        return MOVES.get(this).contains(next);
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }
}
