package io.hpcgateway.gateway.job;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.Optional;

/**
 * A job's lifecycle (seed 001): pending (created, not submitted) -> queued -> starting -> running
 * -> completed | failed | timeout, with cancelled from any active state. Every SLURM state, by
 * long name or short code, maps here in one table.
 */
public enum JobState {
    PENDING, QUEUED, STARTING, RUNNING, SUSPENDED, COMPLETED, FAILED, CANCELLED, TIMEOUT;

    private static final Map<String, JobState> SLURM = Map.ofEntries(
            Map.entry("PENDING", QUEUED), Map.entry("PD", QUEUED),
            Map.entry("REQUEUED", QUEUED), Map.entry("RQ", QUEUED),
            Map.entry("REQUEUE_HOLD", QUEUED), Map.entry("RH", QUEUED),
            Map.entry("REQUEUE_FED", QUEUED), Map.entry("RF", QUEUED),
            Map.entry("RESV_DEL_HOLD", QUEUED), Map.entry("RD", QUEUED),
            Map.entry("SPECIAL_EXIT", QUEUED), Map.entry("SE", QUEUED),
            Map.entry("CONFIGURING", STARTING), Map.entry("CF", STARTING),
            Map.entry("RUNNING", RUNNING), Map.entry("R", RUNNING),
            Map.entry("COMPLETING", RUNNING), Map.entry("CG", RUNNING),
            Map.entry("STAGE_OUT", RUNNING), Map.entry("SO", RUNNING),
            Map.entry("SIGNALING", RUNNING), Map.entry("SI", RUNNING),
            Map.entry("RESIZING", RUNNING), Map.entry("RS", RUNNING),
            Map.entry("SUSPENDED", SUSPENDED), Map.entry("S", SUSPENDED),
            Map.entry("STOPPED", SUSPENDED), Map.entry("ST", SUSPENDED),
            Map.entry("COMPLETED", COMPLETED), Map.entry("CD", COMPLETED),
            Map.entry("FAILED", FAILED), Map.entry("F", FAILED),
            Map.entry("OUT_OF_MEMORY", FAILED), Map.entry("OOM", FAILED),
            Map.entry("NODE_FAIL", FAILED), Map.entry("NF", FAILED),
            Map.entry("BOOT_FAIL", FAILED), Map.entry("BF", FAILED),
            Map.entry("DEADLINE", FAILED), Map.entry("DL", FAILED),
            // Preempted without requeue ends the job; a requeued one comes back as PENDING/REQUEUED.
            Map.entry("PREEMPTED", FAILED), Map.entry("PR", FAILED),
            Map.entry("CANCELLED", CANCELLED), Map.entry("CA", CANCELLED),
            Map.entry("REVOKED", CANCELLED), Map.entry("RV", CANCELLED),
            Map.entry("TIMEOUT", TIMEOUT), Map.entry("TO", TIMEOUT));

    /** The gateway state for a SLURM state; empty for a state SLURM may add in future. */
    public static Optional<JobState> fromSlurm(String slurmState) {
        return slurmState == null ? Optional.empty() : Optional.ofNullable(SLURM.get(slurmState.strip().toUpperCase()));
    }

    /** The API spells states in lower case, as seed 001 does. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == TIMEOUT;
    }

    /** Submitted and not finished: the reconciler follows these. */
    public boolean isActive() {
        return this == QUEUED || this == STARTING || this == RUNNING || this == SUSPENDED;
    }
}
