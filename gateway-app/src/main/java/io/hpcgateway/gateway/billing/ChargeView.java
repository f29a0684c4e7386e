package io.hpcgateway.gateway.billing;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job's charge as its owner sees it: the invoice, refunds from upheld disputes, and what is due. */
@Schema(name = "JobCharge")
public record ChargeView(
        String jobId,
        @Schema(description = "final once the job's final usage record is written; estimate before")
        String status,
        @Schema(description = "The invoice period (UTC calendar month) the charge belongs to") String period,
        Invoice invoice,
        long refunded,
        long amountDue,
        @Schema(description = "The platform's fee on the amount due") long platformFee,
        @Schema(description = "The provider's share of the amount due") long providerShare,
        List<Dispute> disputes) {

    static ChargeView of(JobCharge charge, List<Dispute> disputes) {
        return new ChargeView(charge.jobId, "final", charge.period, charge.invoice, charge.refunded,
                charge.amountDue(), charge.platformFeeDue(), charge.amountDue() - charge.platformFeeDue(), disputes);
    }
}
