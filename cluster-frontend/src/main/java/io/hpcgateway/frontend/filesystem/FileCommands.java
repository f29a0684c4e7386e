package io.hpcgateway.frontend.filesystem;

import io.hpcgateway.frontend.filesystem.PathGuard.Check;
import io.hpcgateway.frontend.identity.IdentityMode;
import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.platform.FrontendConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The file commands that both the synchronous operations ({@code ops/*}) and the transfer jobs
 * ({@code transfer/*}) run: each path confined lexically to the caller's directories here, then
 * checked by the guard where and as whom the command runs.
 */
@ApplicationScoped
public class FileCommands {

    private final UserPaths paths;
    private final UserHomes homes;
    /** Whether commands run as the user's own account (ssh, setuid): only then may a command follow links. */
    private final boolean asTheUser;

    FileCommands(UserPaths paths, UserHomes homes, FrontendConfig config) {
        this.paths = paths;
        this.homes = homes;
        this.asTheUser = config.identity().mode() != IdentityMode.SERVICE_ACCOUNT;
    }

    public UserPaths.Confined confine(String user, String raw, String param) {
        homes.ensure(user);
        return paths.confine(user, raw, param);
    }

    /** A path from a request body: one that is missing is the body's error, not the query's. */
    public UserPaths.Confined confineBody(String user, String raw, String param) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.validation("body", param, "'" + param + "' is required"
                    + ("path".equals(param) ? " (also as 'sourcePath')" : ""));
        }
        return confine(user, raw, param);
    }

    /** The user's top directory, where transfer jobs run and write their logs. */
    public UserPaths.Confined home(String user) {
        return confine(user, paths.homeOf(user).toString(), "path");
    }

    /** {@code rm -r}, which never follows a link: a link is removed, never what it points to. */
    public GuardedCommand remove(String user, UserPaths.Confined path) {
        if (paths.isHome(user, path.path())) {
            throw ApiException.forbidden("Your own top directory cannot be removed");
        }
        return new GuardedCommand(List.of(Check.name(path)), "exec rm -r -- \"$1\"", List.of(path.toString()));
    }

    /** {@code mv} of a file, directory or link (the link itself) to {@code target}. */
    public GuardedCommand move(UserPaths.Confined source, UserPaths.Confined target) {
        return new GuardedCommand(List.of(Check.name(source), Check.name(target)), "exec mv -- \"$1\" \"$2\"",
                List.of(source.toString(), target.toString()));
    }

    /**
     * {@code cp -R} keeping modes and times; links are copied as links unless {@code dereference},
     * which, like every link-following command, is for the user's own account only.
     */
    public GuardedCommand copy(UserPaths.Confined source, UserPaths.Confined target, boolean dereference) {
        requireOwnAccountFor(dereference);
        String mode = dereference ? "L" : "d";
        return new GuardedCommand(List.of(dereference ? Check.follow(source) : Check.name(source), Check.name(target)),
                "exec cp --force -R" + mode + " --preserve=mode,timestamps -- \"$1\" \"$2\"",
                List.of(source.toString(), target.toString()));
    }

    /**
     * {@code tar -c} of {@code source} (a file or directory, archived under its own name) into
     * {@code target}, or of the regular files under it whose path matches {@code matchPattern}
     * ({@code find -regex}).
     */
    public GuardedCommand compress(UserPaths.Confined source, UserPaths.Confined target, String matchPattern,
                                   boolean dereference, String compression) {
        requireOwnAccountFor(dereference);
        String flag = TarCompression.flag(compression);
        String tar = "tar " + (dereference ? "--dereference " : "") + "-c" + flag + "f \"$2\"";
        String script = matchPattern == null || matchPattern.isBlank()
                ? "cd \"$3\" && exec " + tar + " -- \"$4\""
                : "cd \"$1\" && find . -type f -regex \"$5\" -print0 | " + tar + " --null --files-from -";
        return new GuardedCommand(List.of(Check.follow(source), Check.name(target)), script,
                List.of(source.toString(), target.toString(), source.path().getParent().toString(),
                        source.path().getFileName().toString(), matchPattern == null ? "" : matchPattern));
    }

    /**
     * {@code tar -x} of the archive {@code source} into the directory {@code target}. GNU tar drops
     * leading slashes and refuses members with {@code ..}, and creates links only after the files,
     * so an archive cannot write through them; owners and modes are the user's own, never the archive's.
     */
    public GuardedCommand extract(UserPaths.Confined source, UserPaths.Confined target, String compression) {
        String flag = TarCompression.flag(compression);
        return new GuardedCommand(List.of(Check.follow(source), Check.dir(target)), "exec tar -x" + flag
                + "f \"$1\" --no-same-owner --no-same-permissions -C \"$2\"",
                List.of(source.toString(), target.toString()));
    }

    private void requireOwnAccountFor(boolean dereference) {
        if (dereference && !asTheUser) {
            throw ApiException.validation("body", "dereference", "Links are kept as links here: commands run as "
                    + "the front end's own account, which could follow them out of your directories");
        }
    }
}
