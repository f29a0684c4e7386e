package io.hpcgateway.frontend.scheduler.local;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * Everything the local executor knows of one job, written to disk at every change so that a
 * restarted front end finds its jobs again. Mutable: the executor is its only writer.
 */
@RegisterForReflection
class LocalJobRecord {
    public long id;
    public String user;
    public String name;
    public String account;
    public String partition;
    public String workingDirectory;
    public String standardInput;
    public String standardOutput;
    public String standardError;
    public Map<String, String> env;
    public Long timeLimitSeconds;

    public String state;
    public String stateReason;
    public Integer exitCode;
    public Integer signal;
    public long submitTime;
    public Long startTime;
    public Long endTime;
    /** The wrapper process; with {@code pidStartMillis} it tells our process from a reused pid. */
    public Long pid;
    public Long pidStartMillis;
    /** Why the executor is stopping the job, so its exit is recorded as CANCELLED or TIMEOUT. */
    public String stopReason;
}
