package io.hpcgateway.frontend.scheduler;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One compute node. Memory in MiB. */
@Schema(name = "Node")
public record NodeModel(String name, List<String> state, int cpus, int allocCpus, int idleCpus,
                        Long realMemory, Long freeMemory, Double cpuLoad, List<String> partitions,
                        List<String> features) {

    /** Whether the node can take jobs now (idle, mixed or allocated; not down, drained or failing). */
    public boolean available() {
        return state.stream().map(String::toUpperCase)
                .anyMatch(s -> s.startsWith("IDLE") || s.startsWith("MIX") || s.startsWith("ALLOC"));
    }
}
