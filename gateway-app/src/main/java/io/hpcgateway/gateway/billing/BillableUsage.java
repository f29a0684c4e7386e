package io.hpcgateway.gateway.billing;

import io.hpcgateway.gateway.usage.UsageMetrics;
import io.hpcgateway.gateway.usage.UsageRecord;
import java.util.List;

/**
 * What a job is billed on: its run time and what it held (from its usage records), and the storage
 * and network it used. Null memory or network: not measured, so not billed.
 */
public record BillableUsage(long wallClockSeconds, int cpus, int nodes, int gpus, String gpuModel, Long memoryBytes,
                            Long storageGbHoursMicro, Long networkBytes) {

    /** A job's records summed; the allocation is the latest record's. Empty: nothing used yet. */
    static BillableUsage of(List<UsageRecord> records) {
        if (records.isEmpty()) {
            return new BillableUsage(0, 0, 0, 0, null, null, null, null);
        }
        UsageMetrics total = records.stream().map(r -> r.metrics).reduce(UsageMetrics::plus).orElseThrow();
        UsageRecord last = records.get(records.size() - 1);
        return new BillableUsage(total.wallClockSeconds, last.allocation.cpus, last.allocation.nodes,
                last.allocation.gpus, last.allocation.gpuModel, last.allocation.memoryBytes, total.storageGbHoursMicro,
                null);
    }
}
