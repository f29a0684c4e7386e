package io.hpcgateway.gateway.billing;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A customer's invoice for one month: every job charge that ended in it, and the sums. */
@Schema(name = "PeriodInvoice")
public record PeriodInvoice(String customer, String period, String currency, List<JobLine> jobs, long subtotal,
                            long discountTotal, long minimumChargeAdjustment, long total, long refunded,
                            long amountDue, long platformFee, long providerShare) {

    @Schema(name = "PeriodInvoiceJob")
    public record JobLine(String jobId, String cluster, Instant finishedAt, long total, long refunded, long amountDue) {}

    static PeriodInvoice of(String customer, String period, String currency, List<JobCharge> charges) {
        long fee = charges.stream().mapToLong(JobCharge::platformFeeDue).sum();
        long due = charges.stream().mapToLong(JobCharge::amountDue).sum();
        return new PeriodInvoice(customer, period, currency,
                charges.stream().map(c -> new JobLine(c.jobId, c.cluster, c.finishedAt, c.invoice.total, c.refunded,
                        c.amountDue())).toList(),
                charges.stream().mapToLong(c -> c.invoice.subtotal).sum(),
                charges.stream().mapToLong(c -> c.invoice.discountTotal).sum(),
                charges.stream().mapToLong(c -> c.invoice.minimumChargeAdjustment).sum(),
                charges.stream().mapToLong(c -> c.invoice.total).sum(),
                charges.stream().mapToLong(c -> c.refunded).sum(), due, fee, due - fee);
    }
}
