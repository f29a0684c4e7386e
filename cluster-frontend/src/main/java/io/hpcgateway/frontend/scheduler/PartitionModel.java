package io.hpcgateway.frontend.scheduler;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One partition (queue). {@code maxTime} is SLURM's text ("infinite", "1-00:00:00"). */
@Schema(name = "Partition")
public record PartitionModel(String name, boolean isDefault, String state, int totalNodes, int cpus,
                             String maxTime) {}
