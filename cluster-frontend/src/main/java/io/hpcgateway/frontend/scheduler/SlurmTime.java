package io.hpcgateway.frontend.scheduler;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SLURM's time notations: durations ({@code --time}, {@code squeue %M}) and local timestamps. */
public final class SlurmTime {

    // days-hours[:minutes[:seconds]] | hours:minutes:seconds | minutes:seconds | minutes. Fields of
    // at most 9 digits: no real duration has more, and their sum cannot overflow a long.
    private static final Pattern WITH_DAYS = Pattern.compile("(\\d{1,9})-(\\d{1,9})(?::(\\d{1,9}))?(?::(\\d{1,9}))?");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,9})(?::(\\d{1,9}))?(?::(\\d{1,9}))?");

    private SlurmTime() {}

    /**
     * Parses a SLURM duration to seconds, as {@code sbatch --time} reads it: a single number is
     * minutes, two fields are minutes:seconds. Returns null for "UNLIMITED", "INFINITE" and the like.
     */
    public static Long durationSeconds(String text) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        Matcher days = WITH_DAYS.matcher(value);
        if (days.matches()) {
            return Long.parseLong(days.group(1)) * 86_400 + Long.parseLong(days.group(2)) * 3_600
                    + optional(days.group(3)) * 60 + optional(days.group(4));
        }
        Matcher clock = CLOCK.matcher(value);
        if (!clock.matches()) {
            return null;
        }
        long a = Long.parseLong(clock.group(1));
        if (clock.group(2) == null) {
            return a * 60;
        }
        long b = Long.parseLong(clock.group(2));
        if (clock.group(3) == null) {
            return a * 60 + b;
        }
        return a * 3_600 + b * 60 + Long.parseLong(clock.group(3));
    }

    /** Parses SLURM's local timestamp ({@code 2026-11-21T15:21:48}) to epoch seconds; null for Unknown/N/A. */
    public static Long epochSeconds(String text) {
        if (text == null || text.isBlank() || !Character.isDigit(text.charAt(0))) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip()).atZone(ZoneId.systemDefault()).toEpochSecond();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long optional(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}
