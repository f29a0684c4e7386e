package io.hpcgateway.frontend.scheduler.slurm;

import io.hpcgateway.frontend.scheduler.NodeModel;
import io.hpcgateway.frontend.scheduler.PartitionModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code sinfo} views of nodes and partitions. */
final class SinfoCommand {

    private static final String SEP = SlurmCli.SEPARATOR;

    private SinfoCommand() {}

    /** One line per node and partition: name, state, CPUs, memory, free memory, load, CPUs A/I/O/T, partition, features. */
    static List<String> nodesArgv() {
        return List.of("sinfo", "--Node", "--noheader", "--format=" + String.join(SEP,
                "%N", "%T", "%c", "%m", "%e", "%O", "%C", "%P", "%f"));
    }

    static List<NodeModel> parseNodes(String stdout) {
        Map<String, NodeModel> nodes = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            String[] c = line.split(SEP, -1);
            if (c.length != 9) {
                continue;
            }
            String partition = c[7].replace("*", "");
            NodeModel known = nodes.get(c[0]);
            if (known != null) {
                known.partitions().add(partition);
                continue;
            }
            int[] cpus = cpuCounts(c[6]);
            List<String> features = JobTable.nullIfEmpty(c[8]) == null ? List.of() : Arrays.asList(c[8].split(","));
            nodes.put(c[0], new NodeModel(c[0], List.of(c[1].toUpperCase()), intOr(c[2]), cpus[0], cpus[1],
                    JobTable.longOrNull(c[3]), JobTable.longOrNull(c[4]), doubleOrNull(c[5]),
                    new ArrayList<>(List.of(partition)), features));
        }
        return List.copyOf(nodes.values());
    }

    /** Name (default marked with '*'), availability, time limit, node count, CPUs A/I/O/T. */
    static List<String> partitionsArgv() {
        return List.of("sinfo", "--noheader", "--format=" + String.join(SEP, "%P", "%a", "%l", "%D", "%C"));
    }

    static List<PartitionModel> parsePartitions(String stdout) {
        List<PartitionModel> partitions = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            String[] c = line.split(SEP, -1);
            if (c.length == 5) {
                boolean isDefault = c[0].endsWith("*");
                partitions.add(new PartitionModel(c[0].replace("*", ""), isDefault, c[1].toUpperCase(),
                        intOr(c[3]), cpuCounts(c[4])[3], c[2]));
            }
        }
        return partitions;
    }

    /** sinfo's %C: allocated/idle/other/total. */
    private static int[] cpuCounts(String text) {
        String[] parts = text.split("/");
        int[] counts = new int[4];
        for (int i = 0; i < Math.min(4, parts.length); i++) {
            counts[i] = intOr(parts[i]);
        }
        return counts;
    }

    private static int intOr(String text) {
        Long value = JobTable.longOrNull(text);
        return value == null ? 0 : value.intValue();
    }

    private static Double doubleOrNull(String text) {
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
