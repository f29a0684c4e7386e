package io.hpcgateway.gateway.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A usage record as seed 001 writes it. The signature is Ed25519 over the canonical JSON of every
 * other member, canonicalized as {@code canonicalization} names: RFC 8785 (records of the first
 * form name none and used {@code CanonicalJson}).
 */
@Schema(name = "UsageRecord")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageRecordView(
        @JsonProperty("record_id") String recordId,
        @JsonProperty("job_id") String jobId,
        @JsonProperty("cluster_id") String clusterId,
        @JsonProperty("scheduler_job_id") Long schedulerJobId,
        @JsonProperty("provider_id") String providerId,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("period_start") String periodStart,
        @JsonProperty("period_end") String periodEnd,
        @Schema(description = "wall_clock_seconds, cpu_core_seconds, cpu_used_seconds, memory_gb_seconds, gpu_seconds, "
                + "node_hours, storage_gb_hours, energy_joules: the period's amounts; unknown ones are left out")
        @JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
        Map<String, Object> metrics,
        @Schema(description = "cpus, nodes, gpus, gpu_model, memory_bytes, max_rss_bytes: what the job held; "
                + "unknown ones are left out")
        @JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
        Map<String, Object> allocation,
        @JsonProperty("is_final") boolean isFinal,
        @JsonProperty("job_state") String jobState,
        String timestamp,
        @JsonProperty("key_id") String keyId,
        @Schema(description = "How the signed bytes are made: RFC8785 (JSON Canonicalization Scheme) over every "
                + "other member; absent on records of the first form") String canonicalization,
        @Schema(description = "Base64 Ed25519 signature by the provider key (GET /api/v2/usage/signing-key)")
        String signature) {

    static UsageRecordView of(UsageRecord record) {
        return new UsageRecordView(record.id, record.jobId, record.clusterId, record.schedulerJobId, record.providerId,
                record.customer, record.periodStart.toString(), record.periodEnd.toString(), record.metrics.toJson(),
                record.allocation.toJson(), record.finalRecord, record.jobState, record.timestamp.toString(),
                record.keyId, record.canonicalization, record.signature);
    }

    UsageRecordView withoutSignature() {
        return new UsageRecordView(recordId, jobId, clusterId, schedulerJobId, providerId, customerId, periodStart,
                periodEnd, metrics, allocation, isFinal, jobState, timestamp, keyId, canonicalization, null);
    }
}
