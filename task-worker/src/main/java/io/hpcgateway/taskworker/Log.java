package io.hpcgateway.taskworker;

import java.time.Instant;

/** One line per event on stderr, which the pilot's job log keeps; never a token or a payload. */
final class Log {

    private Log() {}

    static void info(String format, Object... args) {
        System.err.println(Instant.now() + " task-worker: " + String.format(format, args));
    }
}
