package io.hpcgateway.frontend.filesystem;

import io.hpcgateway.frontend.platform.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps a file or scheduler command in a POSIX shell prologue that checks, as the user and where
 * the command runs, that each path still lies in the user's directory once its symbolic links are
 * resolved ({@code realpath -m}), and only then runs the command. Checking and running in one
 * process as the user leaves no window for anyone but that user to swap a link in between, and
 * costs one shell rather than a second command.
 *
 * <p>The prologue takes its paths as positional arguments, never in its text, and is one line,
 * so it passes unchanged through an SSH command line.
 */
public final class PathGuard {

    /** How a path is checked. */
    public enum Mode {
        /** The path itself, links followed: for operations on content. */
        FOLLOW("follow"),
        /** Its directory only: for operations on the name (rm, creating a link), where a final link is not followed. */
        NAME("name"),
        /** As FOLLOW, and it must be an existing directory. */
        DIR("dir");

        private final String word;

        Mode(String word) {
            this.word = word;
        }
    }

    public record Check(Mode mode, UserPaths.Confined path) {
        public static Check follow(UserPaths.Confined path) {
            return new Check(Mode.FOLLOW, path);
        }

        /** By its directory; the user's top directory itself, whose parent is the root, by itself. */
        public static Check name(UserPaths.Confined path) {
            return new Check(path.path().equals(path.home()) ? Mode.FOLLOW : Mode.NAME, path);
        }

        public static Check dir(UserPaths.Confined path) {
            return new Check(Mode.DIR, path);
        }
    }

    public static final int NOT_A_DIRECTORY = 96;
    public static final int UNRESOLVABLE = 97;
    public static final int OUTSIDE = 98;
    private static final Pattern REPORT = Pattern.compile("hpcgw-guard (\\d+)");

    /**
     * $1 = number of checks, then (mode, home, path) per check, then the command's own arguments.
     * After the loop {@code $h} holds the resolved home of the last check.
     */
    private static final String PROLOGUE = "i=0; n=$1; shift; while [ \"$i\" -lt \"$n\" ]; do i=$((i+1)); m=$1; h=$2; "
            + "p=$3; shift 3; q=$p; if [ \"$m\" = name ]; then q=${p%/*}; [ -n \"$q\" ] || q=/; fi; "
            + "h=$(realpath -m -- \"$h\") && r=$(realpath -m -- \"$q\") || { echo \"hpcgw-guard $i\" >&2; exit 97; }; "
            + "case \"$r/\" in \"$h/\"*) ;; *) echo \"hpcgw-guard $i\" >&2; exit 98;; esac; "
            + "if [ \"$m\" = dir ] && [ ! -d \"$p\" ]; then echo \"hpcgw-guard $i\" >&2; exit 96; fi; done; ";

    private PathGuard() {}

    /** {@code /bin/sh -c '<checks>; <script>' hpcgw <checks...> <args...>}: the script sees {@code args} as $1... */
    public static List<String> argv(List<Check> checks, String script, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", PROLOGUE + script, "hpcgw",
                Integer.toString(checks.size())));
        for (Check check : checks) {
            argv.add(check.mode().word);
            argv.add(check.path().home().toString());
            argv.add(check.path().path().toString());
        }
        argv.addAll(args);
        return argv;
    }

    /** The refusal for a guard's exit status, or null when the guard let the command run. */
    public static ApiException refusal(int exitCode, String stderr, List<Check> checks) {
        if (exitCode < NOT_A_DIRECTORY || exitCode > OUTSIDE) {
            return null;
        }
        Matcher m = REPORT.matcher(stderr);
        int index = m.find() ? Integer.parseInt(m.group(1)) : 0;
        if (index < 1 || index > checks.size()) {
            return null;
        }
        UserPaths.Confined path = checks.get(index - 1).path();
        return switch (exitCode) {
            case OUTSIDE -> ApiException.forbidden("'" + path.raw() + "' leads outside your directories through a "
                    + "symbolic link");
            case UNRESOLVABLE -> ApiException.forbidden("'" + path.raw() + "' cannot be resolved by your account: a "
                    + "directory on the way is not accessible to it");
            default -> ApiException.validation(path.param().startsWith("job.") ? "body" : "query", path.param(),
                    "'" + path.raw() + "' is not an existing directory");
        };
    }
}
