package io.hpcgateway.frontend.scheduler.slurm;

import io.hpcgateway.frontend.scheduler.ReservationModel;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scontrol show reservation --oneliner}: one line of {@code Key=Value} fields per
 * reservation (none of the fields read holds spaces), or "No reservations in the system".
 * Times are the controller's local time, as scontrol prints them.
 */
final class ReservationsCommand {

    private ReservationsCommand() {}

    static List<String> argv() {
        return List.of("scontrol", "--oneliner", "show", "reservation");
    }

    static List<ReservationModel> parse(String stdout) {
        List<ReservationModel> reservations = new ArrayList<>();
        for (String line : stdout.lines().toList()) {
            if (!line.startsWith("ReservationName=")) {
                continue;
            }
            Map<String, String> fields = new HashMap<>();
            for (String field : line.strip().split("\\s+")) {
                int eq = field.indexOf('=');
                if (eq > 0) {
                    fields.put(field.substring(0, eq), field.substring(eq + 1));
                }
            }
            String features = fields.get("Features");
            reservations.add(new ReservationModel(fields.get("ReservationName"), fields.getOrDefault("Nodes", ""),
                    epoch(fields.get("StartTime")), epoch(fields.get("EndTime")),
                    features == null || features.equals("(null)") ? null : features, fields.get("State")));
        }
        return reservations;
    }

    private static long epoch(String time) {
        try {
            return LocalDateTime.parse(time).atZone(ZoneId.systemDefault()).toEpochSecond();
        } catch (DateTimeParseException | NullPointerException e) {
            return 0;
        }
    }
}
