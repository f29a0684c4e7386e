package io.hpcgateway.frontend.identity;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts processes as the account a {@link RunAs} names; one implementation per
 * {@link IdentityMode}. Scheduler and file operations go through {@link CommandRunner} and never
 * know which one runs.
 */
public interface Launcher {

    /**
     * Starts {@code argv} (never through a shell of the launcher's own making) as the account,
     * with {@code env} added to that account's environment.
     *
     * @throws io.hpcgateway.frontend.platform.ApiException 403 when the account does not exist
     *         or may not be used, 503 when the login node cannot be reached
     */
    RunningCommand start(RunAs who, List<String> argv, Map<String, String> env);

    /**
     * How a long-running local process (a local executor's job) runs as the account: the argv
     * prefix, the account's variables, and the account to hand its files to (empty when processes
     * already run as it). Launchers that run commands elsewhere (SSH) cannot start local jobs and refuse.
     */
    LocalProcess localProcess(RunAs who);

    /** See {@link #localProcess}. */
    record LocalProcess(List<String> prefix, Map<String, String> environment, Optional<UnixAccount> owner) {}

    /** One line for the start-up log and {@code /status/systems}: what this mode means for users. */
    String describe();
}
