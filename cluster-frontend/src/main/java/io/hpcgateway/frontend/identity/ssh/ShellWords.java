package io.hpcgateway.frontend.identity.ssh;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns an argument array into the one command line an SSH exec request carries, which the
 * account's login shell parses: every word single-quoted, so no character of a path, name or
 * value is ever interpreted. Variables travel as {@code env NAME=value} (sshd accepts few through
 * the protocol). Needs a POSIX login shell (sh, bash, dash, ksh, zsh).
 */
public final class ShellWords {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ShellWords() {}

    static String commandLine(Map<String, String> env, List<String> argv) {
        String words = argv.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
        if (env.isEmpty()) {
            return words;
        }
        String assignments = env.entrySet().stream().map(e -> name(e.getKey()) + "=" + quote(e.getValue()))
                .collect(Collectors.joining(" "));
        return assignments + " " + words;
    }

    private static String name(String variable) {
        if (!NAME.matcher(variable).matches()) {
            throw new IllegalArgumentException("'" + variable + "' is not an environment variable name");
        }
        return variable;
    }

    /** {@code it's} becomes {@code 'it'\''s'}: close the quote, an escaped quote, reopen. */
    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a command word cannot hold a NUL byte");
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
