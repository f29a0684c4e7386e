package io.hpcgateway.frontend.scheduler;

import java.util.Set;

/** SLURM's state names, shared by both backends so that clients see one vocabulary. */
public final class JobStates {

    public static final String PENDING = "PENDING";
    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";
    public static final String TIMEOUT = "TIMEOUT";
    public static final String NODE_FAIL = "NODE_FAIL";

    /** States after which a job never changes again (SLURM's "finished" states). */
    private static final Set<String> FINAL = Set.of(COMPLETED, FAILED, CANCELLED, TIMEOUT, NODE_FAIL,
            "OUT_OF_MEMORY", "PREEMPTED", "BOOT_FAIL", "DEADLINE", "REVOKED", "SPECIAL_EXIT");

    private JobStates() {}

    public static boolean isFinal(String state) {
        return FINAL.contains(state);
    }
}
