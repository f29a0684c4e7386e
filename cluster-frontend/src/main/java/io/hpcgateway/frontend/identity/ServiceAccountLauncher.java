package io.hpcgateway.frontend.identity;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs every command as the front end's own account, as a FirecREST deployment with one service
 * account does. Users are kept apart by their directories alone: a job can read whatever this
 * account can, the service's keys included. Only for a single-user installation.
 */
public final class ServiceAccountLauncher implements Launcher {

    private final Function<String, Path> homes;
    private final String self = System.getProperty("user.name");

    /** @param homes each user's directory, which becomes the HOME of their commands and jobs */
    public ServiceAccountLauncher(Function<String, Path> homes) {
        this.homes = homes;
    }

    @Override
    public RunningCommand start(RunAs who, List<String> argv, Map<String, String> env) {
        return ProcessCommand.start(argv, environment(who), env);
    }

    @Override
    public LocalProcess localProcess(RunAs who) {
        return new LocalProcess(List.of(), environment(who), Optional.empty());
    }

    private Map<String, String> environment(RunAs who) {
        return who.service()
                ? Map.of("HOME", System.getProperty("user.home"), "USER", self, "LOGNAME", self)
                : Map.of("HOME", homes.apply(who.account()).toString(), "USER", who.account(), "LOGNAME", who.account());
    }

    @Override
    public String describe() {
        return "service-account: every job and file operation runs as this front end's own account '" + self
                + "'; users are kept apart by their directories only, and any job can read what this account can "
                + "(the service's keys included). For a single-user installation only";
    }
}
