package io.hpcgateway.frontend.scheduler.slurm;

import io.hpcgateway.frontend.scheduler.JobAccounting;
import io.hpcgateway.frontend.scheduler.JobStates;
import io.hpcgateway.frontend.scheduler.SlurmTime;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code sacct} over the allocations AND steps of a set of jobs, in one call: the allocation row
 * holds elapsed time, CPU time and what was allocated; MaxRSS exists only on the steps, so the
 * largest step's is the job's.
 */
final class SacctUsageCommand {

    private static final String[] FIELDS = {"JobIDRaw", "State", "ElapsedRaw", "TotalCPU", "AllocCPUS", "NNodes",
            "AllocTRES", "ReqMem", "MaxRSS", "ConsumedEnergyRaw", "Start", "End", "WorkDir", "User"};
    private static final Pattern STEP_ID = Pattern.compile("(\\d+)(?:\\.(.+))?");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMGTP]?)[nc]?");
    // [days-][hours:]minutes:seconds[.millis]
    private static final Pattern CPU_TIME = Pattern.compile("(?:(\\d+)-)?(?:(\\d+):)?(\\d+):(\\d+)(?:\\.(\\d{1,3}))?");

    private SacctUsageCommand() {}

    static List<String> argv(Collection<Long> jobIds) {
        return List.of("sacct", "--noheader", "--parsable2", "--allusers", "--delimiter=" + SlurmCli.SEPARATOR,
                "--jobs=" + jobIds.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--format=" + String.join(",", FIELDS));
    }

    static List<JobAccounting> parse(String stdout) {
        Map<Long, String[]> allocations = new LinkedHashMap<>();
        Map<Long, List<String[]>> steps = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            String[] c = line.split(SlurmCli.SEPARATOR, -1);
            Matcher id = c.length == FIELDS.length ? STEP_ID.matcher(c[0]) : null;
            if (id == null || !id.matches()) {
                continue;
            }
            long jobId = Long.parseLong(id.group(1));
            if (id.group(2) == null) {
                allocations.put(jobId, c);
            } else {
                steps.computeIfAbsent(jobId, k -> new ArrayList<>()).add(c);
            }
        }
        List<JobAccounting> jobs = new ArrayList<>();
        allocations.forEach((jobId, c) -> jobs.add(toAccounting(jobId, c, steps.getOrDefault(jobId, List.of()))));
        return jobs;
    }

    private static JobAccounting toAccounting(long jobId, String[] c, List<String[]> steps) {
        String state = c[1].split(" ", 2)[0];
        Long start = SlurmTime.epochSeconds(c[10]);
        Long end = SlurmTime.epochSeconds(c[11]);
        // Accounting writes the batch step when the script ends; until then CPU time and MaxRSS are not final.
        boolean batchDone = steps.stream().anyMatch(s -> s[0].endsWith(".batch")
                && JobStates.isFinal(s[1].split(" ", 2)[0]));
        boolean complete = JobStates.isFinal(state) && end != null && (batchDone || start == null);
        Long maxRss = steps.stream().map(s -> bytes(s[8])).filter(v -> v != null).max(Long::compare).orElse(null);
        Map<String, String> tres = tres(c[6]);
        return new JobAccounting(jobId, state, complete, JobTable.longOrNull(c[2]), cpuMillis(c[3]),
                intOrNull(c[4]), intOrNull(c[5]), gpus(tres), gpuModel(tres), bytes(c[7]), maxRss,
                positiveOrNull(c[9]), start, end, user(c), JobTable.nullIfEmpty(c[12]));
    }

    /**
     * The account the job ran as, once accounting has written it: while a row is still being
     * written (no WorkDir yet, for a few seconds after a start or an end) SLURM 22.05 reads its User
     * as root, so it names no one yet.
     */
    private static String user(String[] c) {
        return c[12].isEmpty() ? null : JobTable.nullIfEmpty(c[13]);
    }

    /** {@code 00:08.204}, {@code 01:02:03}, {@code 1-02:03:04.5} to milliseconds. */
    static Long cpuMillis(String text) {
        Matcher m = CPU_TIME.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return null;
        }
        long seconds = (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 86_400)
                + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 3_600)
                + Long.parseLong(m.group(3)) * 60 + Long.parseLong(m.group(4));
        long millis = m.group(5) == null ? 0 : Long.parseLong((m.group(5) + "00").substring(0, 3));
        return seconds * 1000 + millis;
    }

    /** SLURM sizes ({@code 77952K}, {@code 100M}, {@code 1.50G}; a bare number is bytes) to bytes. */
    static Long bytes(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return null;
        }
        int power = m.group(2).isEmpty() ? 0 : "KMGTP".indexOf(m.group(2)) + 1;
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power))
                .longValue();
    }

    /** {@code billing=2,cpu=2,gres/gpu=2,gres/gpu:a100=2,node=1} as a map. */
    private static Map<String, String> tres(String text) {
        Map<String, String> tres = new LinkedHashMap<>();
        for (String item : text.split(",")) {
            int eq = item.indexOf('=');
            if (eq > 0) {
                tres.put(item.substring(0, eq), item.substring(eq + 1));
            }
        }
        return tres;
    }

    private static int gpus(Map<String, String> tres) {
        Long gpus = JobTable.longOrNull(tres.get("gres/gpu"));
        return gpus == null ? 0 : gpus.intValue();
    }

    private static String gpuModel(Map<String, String> tres) {
        return tres.keySet().stream().filter(k -> k.startsWith("gres/gpu:")).map(k -> k.substring("gres/gpu:".length()))
                .findFirst().orElse(null);
    }

    private static Integer intOrNull(String value) {
        Long parsed = JobTable.longOrNull(value);
        return parsed == null ? null : parsed.intValue();
    }

    /** Energy plugins that measure nothing leave 0 or nothing; either means "not known". */
    private static Long positiveOrNull(String value) {
        Long parsed = JobTable.longOrNull(value);
        return parsed == null || parsed == 0 ? null : parsed;
    }
}
