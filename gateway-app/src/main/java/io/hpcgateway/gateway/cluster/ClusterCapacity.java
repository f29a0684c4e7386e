package io.hpcgateway.gateway.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a cluster could take when its capacity was last read ({@link CapacityRefresh}): its nodes by
 * state, its CPUs, and per partition its limits and the jobs waiting and running there (every
 * user's, as the scheduler counts them). {@code reachable} false means the last read failed.
 */
@Schema(name = "ClusterCapacity")
public record ClusterCapacity(Instant at, boolean reachable,
                              @Schema(description = "What failed when unreachable: connection, authentication, queue_access")
                              String problem,
                              int nodesIdle, int nodesAllocated, int nodesDown, int cpusTotal, int cpusIdle,
                              List<PartitionCapacity> partitions) {

    @Schema(name = "PartitionCapacity")
    public record PartitionCapacity(String name, boolean isDefault, String state, int nodes, int cpus,
                                    @Schema(description = "SLURM's text: infinite, 1-00:00:00, 30:00")
                                    String maxTime,
                                    @Schema(description = "The limit in minutes; absent when unlimited")
                                    Long maxTimeMinutes,
                                    int pending, int running) {}

    static ClusterCapacity unreachable(Instant at, String problem, ClusterCapacity before) {
        return before == null
                ? new ClusterCapacity(at, false, problem, 0, 0, 0, 0, 0, List.of())
                : new ClusterCapacity(at, false, problem, before.nodesIdle, before.nodesAllocated, before.nodesDown,
                        before.cpusTotal, before.cpusIdle, before.partitions);
    }

    /** The named partition, or the default one for {@code null}. */
    public Optional<PartitionCapacity> partition(String name) {
        return partitions.stream().filter(p -> name == null ? p.isDefault : p.name.equals(name)).findFirst();
    }

    /** Share of the CPUs that are idle, 0..1 (0 when nothing is known). */
    public double idleShare() {
        return cpusTotal == 0 ? 0 : (double) cpusIdle / cpusTotal;
    }
}
