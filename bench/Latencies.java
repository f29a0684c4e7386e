import java.util.Arrays;

/** Percentiles of latency samples and the baseline-vs-measured lines every bench prints. */
final class Latencies {

    private Latencies() {}

    static void report(String baselineName, long[] baselineNanos, String name, long[] measuredNanos) {
        double b50 = percentile(baselineNanos, 50), b99 = percentile(baselineNanos, 99);
        double m50 = percentile(measuredNanos, 50), m99 = percentile(measuredNanos, 99);
        System.out.printf("  %-50s p50 %7.2f  p99 %7.2f%n", baselineName, b50, b99);
        System.out.printf("  %-50s p50 %7.2f  p99 %7.2f   ratio p50 %.2fx  p99 %.2fx%n", name, m50, m99, m50 / b50,
                m99 / b99);
    }

    /** The p-th percentile (nearest rank) in milliseconds. */
    static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
