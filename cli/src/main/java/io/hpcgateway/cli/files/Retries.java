package io.hpcgateway.cli.files;

import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.http.Refusal;

/** How a transfer survives a cut connection or a gateway restart: a few tries, further apart each time. */
final class Retries {

    private final int limit;
    private int used;

    Retries(int limit) {
        this.limit = limit;
    }

    /**
     * Whether a failure is worth another try: the gateway unreachable or failing, a part that
     * arrived damaged (460), or an offset that moved meanwhile; never any other refusal.
     */
    static boolean retryable(CliException e) {
        if (e instanceof Refusal refusal && refusal.status() < 500) {
            return refusal.status() == 460 || "offset_mismatch".equals(refusal.error())
                    || "assembling".equals(refusal.error());
        }
        return e.exitCode() == ExitCodes.SERVER;
    }

    /** Waits before the next try (1, 2, 4... s, at most 15 s), or rethrows when the tries are used up. */
    void next(CliException cause, ProgressBar bar) {
        if (!retryable(cause) || used >= limit) {
            throw cause;
        }
        long seconds = Math.min(15, 1L << used);
        used++;
        bar.note(cause.getMessage() + "; retrying in " + seconds + " s (" + used + " of " + limit + ")");
        try {
            // Back-off before reconnecting, so a restarting gateway is not hammered.
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(130, "Interrupted");
        }
    }
}
