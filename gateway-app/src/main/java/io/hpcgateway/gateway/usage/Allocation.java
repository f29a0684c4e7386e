package io.hpcgateway.gateway.usage;

import io.hpcgateway.gateway.cluster.Firecrest;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the scheduler allocated to a job: the basis its usage is measured and billed on. */
public class Allocation {
    public int cpus;
    public int nodes;
    public int gpus;
    /** The GPU model where the scheduler names one ({@code a100}), for per-model rates. */
    public String gpuModel;
    /** Memory held: the requested memory, else (once accounting is complete) the peak resident set. */
    public Long memoryBytes;
    public Long maxRssBytes;

    static Allocation of(Firecrest.Accounting accounting) {
        Allocation allocation = new Allocation();
        allocation.cpus = accounting.allocatedCpus();
        allocation.nodes = accounting.allocatedNodes();
        allocation.gpus = accounting.allocatedGpus() == null ? 0 : accounting.allocatedGpus();
        allocation.gpuModel = accounting.gpuModel();
        allocation.maxRssBytes = accounting.complete() ? accounting.maxRssBytes() : null;
        allocation.memoryBytes = accounting.requestedMemoryBytes() != null && accounting.requestedMemoryBytes() > 0
                ? accounting.requestedMemoryBytes() : allocation.maxRssBytes;
        return allocation;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cpus", cpus);
        json.put("nodes", nodes);
        json.put("gpus", gpus);
        json.put("gpu_model", gpuModel);
        json.put("memory_bytes", memoryBytes);
        json.put("max_rss_bytes", maxRssBytes);
        return json;
    }
}
