package io.hpcgateway.frontend.scheduler.slurm;

import io.hpcgateway.frontend.filesystem.PathGuard;
import io.hpcgateway.frontend.identity.CommandRunner;
import io.hpcgateway.frontend.identity.RunAs;
import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.platform.FrontendConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one SLURM command as the caller's account and turns the controller being unreachable into
 * a 503, so that callers tell "SLURM is down" (retry later) from "SLURM refused this request".
 */
final class SlurmCli {

    /** The field separator we ask squeue and sacct to print: ASCII unit separator, never in names or paths. */
    static final String SEPARATOR = "\u001f";

    private final CommandRunner runner;
    private final FrontendConfig.Slurm config;

    SlurmCli(CommandRunner runner, FrontendConfig.Slurm config) {
        this.runner = runner;
        this.config = config;
    }

    CommandRunner.Result run(RunAs who, List<String> argv) {
        return run(who, argv, config.commandTimeout());
    }

    /** For a command that runs as long as the caller's own work inside a job does. */
    CommandRunner.Result run(RunAs who, List<String> argv, Duration timeout) {
        return checked(runner.run(who, resolved(argv), null, Map.of(), timeout));
    }

    /** The command behind {@link PathGuard}'s checks, in one process: the checks cost no extra command. */
    CommandRunner.Result runGuarded(RunAs who, List<PathGuard.Check> checks, List<String> argv, String stdin,
                                    Map<String, String> env) {
        List<String> guarded = PathGuard.argv(checks, "exec \"$@\"", resolved(argv));
        return checked(runner.run(who, guarded, stdin, env, config.commandTimeout()));
    }

    private List<String> resolved(List<String> argv) {
        List<String> resolved = new ArrayList<>(argv);
        config.binDir().ifPresent(dir -> resolved.set(0, dir.resolve(argv.get(0)).toString()));
        return resolved;
    }

    private static CommandRunner.Result checked(CommandRunner.Result result) {
        if (!result.ok() && controllerUnreachable(result.stderr())) {
            throw new ApiException(503, "error", "scheduler_unavailable",
                    "SLURM does not answer (" + result.firstErrorLine() + "); retry later.", List.of());
        }
        return result;
    }

    /** Fails with the command's own first error line. */
    static CommandRunner.Result requireOk(CommandRunner.Result result, String what) {
        if (!result.ok()) {
            throw ApiException.schedulerError(what + " failed: " + result.firstErrorLine());
        }
        return result;
    }

    private static boolean controllerUnreachable(String stderr) {
        return stderr.contains("Unable to contact slurm controller") || stderr.contains("Socket timed out")
                || stderr.contains("Connection refused") || stderr.contains("Could not establish a configuration source");
    }
}
