package io.hpcgateway.frontend.identity;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A command started as some account, locally or over SSH: its standard streams, and its exit
 * status once it ends. The caller writes stdin (and closes it), reads stdout and stderr.
 */
public interface RunningCommand {

    OutputStream stdin();

    InputStream stdout();

    InputStream stderr();

    /** Waits for the command to end; empty when it is still running at the deadline. */
    OptionalInt waitFor(Duration timeout) throws InterruptedException;

    /** Ends the command (and, locally, its children) at once. */
    void destroy();
}
