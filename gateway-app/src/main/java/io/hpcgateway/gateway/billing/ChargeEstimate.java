package io.hpcgateway.gateway.billing;

import io.hpcgateway.gateway.job.JobPlan;
import io.hpcgateway.gateway.job.JobRequest;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a job would cost if it held what it asks for until its time limit: the most it can be
 * charged before discounts change (a job that ends sooner is billed for what it used).
 */
@Schema(name = "ChargeEstimate")
public record ChargeEstimate(JobPlan plan,
                             @Schema(description = "What the estimate assumes: nodes, CPUs, GPUs, memory and hours")
                             String basis, Invoice invoice) {

    /** A job without a time limit is priced for this long: the partition's own limit is not known here. */
    static final int MINUTES_WITHOUT_LIMIT = 60;

    /** The usage the plan asks for: the template's granted resources, else the request's, else one CPU. */
    public static BillableUsage usage(JobPlan plan, JobRequest request) {
        Map<String, Object> granted = plan.resources() == null ? Map.of() : plan.resources();
        JobRequest.Resources asked = request.resources() == null
                ? new JobRequest.Resources(null, null, null, null, null) : request.resources();
        int nodes = number(granted.get("nodes"), asked.nodes(), 1);
        int cpusPerNode = number(granted.get("cpusPerNode"), asked.cpusPerNode() != null ? asked.cpusPerNode()
                : product(asked.ntasksPerNode(), asked.cpusPerTask()), 1);
        int gpusPerNode = number(granted.get("gpusPerNode"), asked.gpusPerNode(), 0);
        Integer memoryMb = numberOrNull(granted.get("memoryMbPerNode"), asked.memoryMbPerNode());
        int minutes = plan.timeLimitMinutes() == null ? MINUTES_WITHOUT_LIMIT : Integer.parseInt(plan.timeLimitMinutes());
        return new BillableUsage(minutes * 60L, nodes * cpusPerNode, nodes, nodes * gpusPerNode, null,
                memoryMb == null ? null : (long) memoryMb * nodes << 20, null, null);
    }

    static String basis(BillableUsage usage, JobPlan plan) {
        return usage.nodes() + " node(s), " + usage.cpus() + " CPU(s), " + usage.gpus() + " GPU(s)"
                + (usage.memoryBytes() == null ? "" : ", " + (usage.memoryBytes() >> 20) + " MiB") + " for "
                + usage.wallClockSeconds() / 60 + " minutes" + (plan.timeLimitMinutes() == null
                ? " (no time limit given: priced for " + MINUTES_WITHOUT_LIMIT + ")" : " (the time limit)");
    }

    private static Integer product(Integer a, Integer b) {
        return a == null && b == null ? null : (a == null ? 1 : a) * (b == null ? 1 : b);
    }

    private static int number(Object granted, Integer asked, int otherwise) {
        Integer value = numberOrNull(granted, asked);
        return value == null ? otherwise : value;
    }

    private static Integer numberOrNull(Object granted, Integer asked) {
        return granted instanceof Number n ? Integer.valueOf(n.intValue()) : asked;
    }
}
