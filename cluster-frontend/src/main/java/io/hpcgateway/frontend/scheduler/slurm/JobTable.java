package io.hpcgateway.frontend.scheduler.slurm;

import io.hpcgateway.frontend.scheduler.JobModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Parses the one-job-per-line, {@link SlurmCli#SEPARATOR}-delimited tables of squeue and sacct. */
final class JobTable {

    private JobTable() {}

    /** Rows that do not parse, or for which {@code toJob} answers null, are left out. */
    static List<JobModel> parse(String stdout, int columns, Function<String[], JobModel> toJob) {
        List<JobModel> jobs = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(SlurmCli.SEPARATOR, -1);
            JobModel job = cells.length == columns && isNumeric(cells[0]) ? toJob.apply(cells) : null;
            if (job != null) {
                jobs.add(job);
            }
        }
        return jobs;
    }

    static String nullIfEmpty(String value) {
        return value == null || value.isBlank() || value.equals("(null)") || value.equals("None assigned")
                ? null : value;
    }

    static Long longOrNull(String value) {
        return isNumeric(value) ? Long.valueOf(value) : null;
    }

    private static boolean isNumeric(String value) {
        return value != null && !value.isEmpty() && value.chars().allMatch(Character::isDigit);
    }
}
