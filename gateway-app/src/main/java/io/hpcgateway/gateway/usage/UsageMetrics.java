package io.hpcgateway.gateway.usage;

import io.hpcgateway.gateway.cluster.Firecrest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seed 001's usage metrics as exact integers: seconds, joules, and millionths for the quantities
 * the seed counts in GB or hours. Serves both as one record's amounts (a period's) and as a job's
 * running total; a record is the difference of two totals, so a job's records always sum to its
 * total exactly. Null means not known (the local executor measures no memory), never zero.
 */
public class UsageMetrics {

    private static final BigInteger MICRO = BigInteger.valueOf(1_000_000);
    private static final BigInteger GIB = BigInteger.ONE.shiftLeft(30);
    private static final BigInteger HOUR = BigInteger.valueOf(3_600);

    public long wallClockSeconds;
    /** Allocated cores times elapsed time: what the job held, whatever it used. */
    public long cpuCoreSeconds;
    /** CPU time the job's processes used (sacct TotalCPU), once accounting has it. */
    public Long cpuUsedSeconds;
    /** Millionths of a GB-second of memory held (requested memory, else the peak resident set). */
    public Long memoryGbSecondsMicro;
    public long gpuSeconds;
    public long nodeHoursMicro;
    /** Millionths of a GB-hour of job folder size over time. */
    public Long storageGbHoursMicro;
    public Long energyJoules;

    /**
     * A job's totals so far from what accounting reports, what the job holds (read from the same
     * accounting) and the storage integrated up to now.
     */
    static UsageMetrics totals(Firecrest.Accounting accounting, Allocation allocation, Long storageByteSeconds) {
        long elapsed = accounting.elapsedSeconds();
        UsageMetrics totals = new UsageMetrics();
        totals.wallClockSeconds = elapsed;
        totals.cpuCoreSeconds = allocation.cpus * elapsed;
        // SLURM adds CPU time as steps end: only a complete record's figure is the job's.
        totals.cpuUsedSeconds = accounting.complete() && accounting.totalCpuMillis() != null
                ? accounting.totalCpuMillis() / 1000 : null;
        totals.memoryGbSecondsMicro = allocation.memoryBytes == null ? null
                : micro(BigInteger.valueOf(allocation.memoryBytes).multiply(BigInteger.valueOf(elapsed)), GIB);
        totals.gpuSeconds = allocation.gpus * elapsed;
        totals.nodeHoursMicro = micro(BigInteger.valueOf(allocation.nodes * elapsed), HOUR);
        totals.storageGbHoursMicro = storageByteSeconds == null ? null
                : micro(BigInteger.valueOf(storageByteSeconds), GIB.multiply(HOUR));
        totals.energyJoules = accounting.complete() ? accounting.energyJoules() : null;
        return totals;
    }

    /** These totals less earlier ones: the amounts of the period between them. */
    UsageMetrics minus(UsageMetrics earlier) {
        UsageMetrics before = earlier == null ? new UsageMetrics() : earlier;
        UsageMetrics period = new UsageMetrics();
        period.wallClockSeconds = wallClockSeconds - before.wallClockSeconds;
        period.cpuCoreSeconds = cpuCoreSeconds - before.cpuCoreSeconds;
        period.cpuUsedSeconds = less(cpuUsedSeconds, before.cpuUsedSeconds);
        period.memoryGbSecondsMicro = less(memoryGbSecondsMicro, before.memoryGbSecondsMicro);
        period.gpuSeconds = gpuSeconds - before.gpuSeconds;
        period.nodeHoursMicro = nodeHoursMicro - before.nodeHoursMicro;
        period.storageGbHoursMicro = less(storageGbHoursMicro, before.storageGbHoursMicro);
        period.energyJoules = less(energyJoules, before.energyJoules);
        return period;
    }

    /** The sum of two periods' amounts (or of totals and a period). */
    public UsageMetrics plus(UsageMetrics other) {
        UsageMetrics sum = new UsageMetrics();
        sum.wallClockSeconds = wallClockSeconds + other.wallClockSeconds;
        sum.cpuCoreSeconds = cpuCoreSeconds + other.cpuCoreSeconds;
        sum.cpuUsedSeconds = add(cpuUsedSeconds, other.cpuUsedSeconds);
        sum.memoryGbSecondsMicro = add(memoryGbSecondsMicro, other.memoryGbSecondsMicro);
        sum.gpuSeconds = gpuSeconds + other.gpuSeconds;
        sum.nodeHoursMicro = nodeHoursMicro + other.nodeHoursMicro;
        sum.storageGbHoursMicro = add(storageGbHoursMicro, other.storageGbHoursMicro);
        sum.energyJoules = add(energyJoules, other.energyJoules);
        return sum;
    }

    /** Seed 001's names; GB and hour quantities as decimals with six places; unknown ones left out. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("wall_clock_seconds", wallClockSeconds);
        json.put("cpu_core_seconds", cpuCoreSeconds);
        putIfKnown(json, "cpu_used_seconds", cpuUsedSeconds);
        putIfKnown(json, "memory_gb_seconds", decimal(memoryGbSecondsMicro));
        json.put("gpu_seconds", gpuSeconds);
        json.put("node_hours", decimal(nodeHoursMicro));
        putIfKnown(json, "storage_gb_hours", decimal(storageGbHoursMicro));
        putIfKnown(json, "energy_joules", energyJoules);
        return json;
    }

    private static long micro(BigInteger amount, BigInteger unit) {
        return amount.multiply(MICRO).divide(unit).longValueExact();
    }

    private static BigDecimal decimal(Long micro) {
        return micro == null ? null : BigDecimal.valueOf(micro, 6);
    }

    private static Long less(Long now, Long before) {
        return now == null ? null : now - (before == null ? 0 : before);
    }

    private static Long add(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a + b;
    }

    private static void putIfKnown(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
