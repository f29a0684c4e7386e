package io.hpcgateway.gateway.cluster;

/** SLURM's time-limit text as minutes: "infinite"/"UNLIMITED", "MM", "MM:SS", "HH:MM:SS", "D-HH[:MM[:SS]]". */
final class SlurmTimeLimit {

    private SlurmTimeLimit() {}

    /** The limit in whole minutes (seconds round up), or null when unlimited or unreadable. */
    static Long minutes(String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("infinite") || text.equalsIgnoreCase("unlimited")) {
            return null;
        }
        try {
            long days = 0;
            String clock = text.trim();
            int dash = clock.indexOf('-');
            if (dash >= 0) {
                days = Long.parseLong(clock.substring(0, dash));
                clock = clock.substring(dash + 1);
            }
            String[] parts = clock.split(":");
            long seconds;
            if (dash >= 0) { // D-HH, D-HH:MM, D-HH:MM:SS
                seconds = Long.parseLong(parts[0]) * 3600 + (parts.length > 1 ? Long.parseLong(parts[1]) * 60 : 0)
                        + (parts.length > 2 ? Long.parseLong(parts[2]) : 0);
            } else if (parts.length == 1) { // MM
                seconds = Long.parseLong(parts[0]) * 60;
            } else if (parts.length == 2) { // MM:SS
                seconds = Long.parseLong(parts[0]) * 60 + Long.parseLong(parts[1]);
            } else { // HH:MM:SS
                seconds = Long.parseLong(parts[0]) * 3600 + Long.parseLong(parts[1]) * 60 + Long.parseLong(parts[2]);
            }
            return days * 1440 + (seconds + 59) / 60;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
