package io.hpcgateway.cli.files;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A transfer's progress on stderr: bar, percent, bytes, rate and ETA, redrawn in place at most
 * five times a second. Shown on a terminal (or with {@code --progress always}); never on stdout.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final String label;
    private final long total;
    private final PrintStream err;
    private final boolean shown;
    private final long started = System.nanoTime();
    private long startBytes = -1;
    private long lastDrawn;
    private long done;

    ProgressBar(String label, long total, PrintStream err, boolean shown) {
        this.label = label;
        this.total = total;
        this.err = err;
        this.shown = shown;
    }

    /** Where the transfer stands, in bytes of the whole file (a resumed transfer starts past 0). */
    synchronized void at(long bytes) {
        if (startBytes < 0) {
            startBytes = bytes;
        }
        done = bytes;
        long now = System.nanoTime();
        if (shown && (now - lastDrawn >= REDRAW_NANOS || bytes >= total)) {
            lastDrawn = now;
            err.print("\r" + line(now));
            err.flush();
        }
    }

    /** A note under the bar (a resume, a retry), the bar drawn again after it. */
    synchronized void note(String message) {
        if (shown) {
            err.print("\r\033[K");
        }
        err.println(label + ": " + message);
        err.flush();
    }

    synchronized void finish() {
        if (shown) {
            err.print("\r" + line(System.nanoTime()) + "\n");
            err.flush();
        }
    }

    private String line(long now) {
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        double rate = (done - Math.max(0, startBytes)) / seconds;
        String eta = rate <= 0 ? "--:--" : clock((long) ((total - done) / rate));
        return String.format(Locale.ROOT, "%s [%s%s] %3d%% %s/%s %s/s ETA %s", label, "#".repeat(filled),
                " ".repeat(WIDTH - filled), (int) (fraction * 100), size(done), size(total), size((long) rate), eta);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String clock(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
