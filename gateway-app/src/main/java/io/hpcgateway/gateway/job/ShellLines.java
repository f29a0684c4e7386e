package io.hpcgateway.gateway.job;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Pieces of batch scripts that command jobs and template jobs render alike. Values reach the
 * shell only single-quoted, so they are data, never code.
 */
public final class ShellLines {

    private ShellLines() {}

    /** Wraps a value in single quotes for the shell; an embedded quote becomes '\''. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * Sets {@code $runtime} to the first container runtime found on the node, or ends the job with
     * 127 and a message naming the runtimes tried.
     */
    public static String runtimeLookup(List<String> runtimes) {
        String lookups = runtimes.stream().map(runtime -> "command -v " + quote(runtime))
                .collect(Collectors.joining(" || "));
        return "runtime=$(" + lookups + ") || { echo "
                + quote("no container runtime (" + String.join(", ", runtimes) + ") on this node")
                + " >&2; exit 127; }\n";
    }

    /** An image reference as Apptainer takes it: registry images get {@code docker://}. */
    public static String imageUri(String image) {
        return image.contains("://") || image.endsWith(".sif") ? image : "docker://" + image;
    }
}
