package io.hpcgateway.frontend.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts every command as the user's own account from a front end that runs as root on the
 * login node: {@code setpriv} sets the real and effective uid and gid and the account's
 * supplementary groups before the command runs, so the operating system, not the front end,
 * decides what the command may touch.
 */
final class SetuidLauncher implements Launcher {

    private final LocalAccounts accounts;
    private final String serviceUser;

    SetuidLauncher(LocalAccounts accounts, String serviceUser) {
        this.accounts = accounts;
        this.serviceUser = serviceUser;
    }

    @Override
    public RunningCommand start(RunAs who, List<String> argv, Map<String, String> env) {
        UnixAccount account = accounts.of(who);
        List<String> command = new ArrayList<>(prefix(account));
        command.addAll(argv);
        return ProcessCommand.start(command, environment(account), env);
    }

    @Override
    public LocalProcess localProcess(RunAs who) {
        UnixAccount account = accounts.of(who);
        return new LocalProcess(prefix(account), environment(account), Optional.of(account));
    }

    private static Map<String, String> environment(UnixAccount account) {
        return Map.of("HOME", account.home(), "USER", account.name(), "LOGNAME", account.name());
    }

    @Override
    public String describe() {
        return "setuid: every job and file operation runs as the user's own Unix account (setpriv from root); "
                + "the gateway's batched calls run as '" + serviceUser + "'";
    }

    private static List<String> prefix(UnixAccount account) {
        return List.of("setpriv", "--reuid=" + account.uid(), "--regid=" + account.gid(), "--init-groups", "--");
    }
}
