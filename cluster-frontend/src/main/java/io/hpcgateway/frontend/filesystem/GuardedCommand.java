package io.hpcgateway.frontend.filesystem;

import io.hpcgateway.frontend.filesystem.PathGuard.Check;
import java.util.List;

/**
 * A file command behind {@link PathGuard}: run at once by {@link FileOperations}, or written into
 * a transfer job's script, where the guard checks the paths again when the job runs.
 */
public record GuardedCommand(List<Check> checks, String script, List<String> args) {

    public GuardedCommand {
        checks = List.copyOf(checks);
        args = List.copyOf(args);
    }

    public List<String> argv() {
        return PathGuard.argv(checks, script, args);
    }
}
