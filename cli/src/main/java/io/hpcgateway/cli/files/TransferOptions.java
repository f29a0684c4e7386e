package io.hpcgateway.cli.files;

import java.util.Locale;
import picocli.CommandLine.Option;

/** What {@code files put} and {@code files get} share: how often to go on after a cut, and the progress bar. */
final class TransferOptions {

    @Option(names = "--retries", defaultValue = "5", description = "Tries after a cut connection (default ${DEFAULT-VALUE})")
    int retries;

    @Option(names = "--progress", defaultValue = "auto", description = "auto (on a terminal), always or never")
    String progress;

    /** Whether to draw progress bars: on a terminal, or when asked. */
    boolean progress() {
        return switch (progress.toLowerCase(Locale.ROOT)) {
            case "always" -> true;
            case "never" -> false;
            default -> System.console() != null;
        };
    }
}
