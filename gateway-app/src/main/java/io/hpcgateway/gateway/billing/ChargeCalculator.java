package io.hpcgateway.gateway.billing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/**
 * Seed 002's billing arithmetic, in integers only: run time rounded up to the billing step (at
 * least one step for a job that ran), each
 * resource's amount rounded half up to the smallest unit once, discounts in basis points of the
 * subtotal (together at most the cap), the minimum charge for a job that ran, then the platform fee
 * (half up) and the provider's share (the rest). The same inputs always give the same invoice.
 */
public final class ChargeCalculator {

    private static final BigInteger HOUR = BigInteger.valueOf(3_600);
    private static final BigInteger GIB = BigInteger.ONE.shiftLeft(30);
    private static final BigInteger MICRO = BigInteger.valueOf(1_000_000);
    private static final BigInteger BPS = BigInteger.valueOf(10_000);

    private ChargeCalculator() {}

    public static Invoice calculate(BillableUsage usage, RateCard rates, List<Discount> discounts) {
        Invoice invoice = new Invoice();
        invoice.currency = rates.currency();
        long step = Math.max(1, rates.granularitySeconds());
        // A job that ran held at least one node; it pays at least one step, however short it was.
        boolean ran = usage.nodes() > 0;
        long billed = ran ? Math.max(1, (usage.wallClockSeconds() + step - 1) / step) * step : 0;
        invoice.billedSeconds = billed;
        BigInteger seconds = BigInteger.valueOf(billed);
        if (usage.cpus() > 0) {
            line(invoice, "cpu", "core-hour", rates.cpuCoreHour(), seconds.multiply(big(usage.cpus())), HOUR);
        }
        if (usage.memoryBytes() != null && usage.memoryBytes() > 0) {
            line(invoice, "memory", "GB-hour", rates.memoryGbHour(), seconds.multiply(big(usage.memoryBytes())),
                    GIB.multiply(HOUR));
        }
        if (usage.gpus() > 0) {
            line(invoice, "gpu" + (usage.gpuModel() == null ? "" : ":" + usage.gpuModel()), "GPU-hour",
                    rates.gpuHourFor(usage.gpuModel()), seconds.multiply(big(usage.gpus())), HOUR);
        }
        if (usage.nodes() > 0) {
            line(invoice, "node", "node-hour", rates.nodeHour(), seconds.multiply(big(usage.nodes())), HOUR);
        }
        if (usage.storageGbHoursMicro() != null && usage.storageGbHoursMicro() > 0) {
            line(invoice, "storage", "GB-hour", rates.storageGbHour(), big(usage.storageGbHoursMicro()), MICRO);
        }
        if (usage.networkBytes() != null && usage.networkBytes() > 0) {
            line(invoice, "network", "GB", rates.networkGb(), big(usage.networkBytes()), GIB);
        }
        invoice.subtotal = invoice.lines.stream().mapToLong(l -> l.amount).sum();
        long cap = BigInteger.valueOf(invoice.subtotal).multiply(big(rates.maxDiscountBps())).divide(BPS).longValueExact();
        for (Discount discount : discounts) {
            long amount = Math.min(halfUp(big(invoice.subtotal).multiply(big(discount.bps())), BPS),
                    cap - invoice.discountTotal);
            if (discount.bps() > 0 && amount > 0) {
                Invoice.AppliedDiscount applied = new Invoice.AppliedDiscount();
                applied.type = discount.type();
                applied.reason = discount.reason();
                applied.bps = discount.bps();
                applied.amount = amount;
                invoice.discounts.add(applied);
                invoice.discountTotal += amount;
            }
        }
        long discounted = invoice.subtotal - invoice.discountTotal;
        // A job that never ran (cancelled while queued) used nothing and owes nothing.
        invoice.minimumChargeAdjustment = ran && discounted < rates.minimumCharge()
                ? rates.minimumCharge() - discounted : 0;
        invoice.total = discounted + invoice.minimumChargeAdjustment;
        invoice.platformFeeBps = rates.platformFeeBps();
        invoice.platformFee = platformFee(invoice.total, rates.platformFeeBps());
        invoice.providerShare = invoice.total - invoice.platformFee;
        return invoice;
    }

    /** The platform's fee on an amount, half up; the provider's share is the rest. */
    static long platformFee(long amount, int feeBps) {
        return halfUp(big(amount).multiply(big(feeBps)), BPS);
    }

    /** amount = rate x quantity / unit, where quantity / unit is in the rate's unit (e.g. core-seconds / 3600). */
    private static void line(Invoice invoice, String resource, String unit, long rate, BigInteger quantity,
                             BigInteger per) {
        Invoice.Line line = new Invoice.Line();
        line.resource = resource;
        line.unit = unit;
        line.rate = rate;
        line.quantity = new BigDecimal(quantity).divide(new BigDecimal(per), 6, RoundingMode.HALF_UP).toPlainString();
        line.amount = halfUp(quantity.multiply(big(rate)), per);
        invoice.lines.add(line);
    }

    private static long halfUp(BigInteger numerator, BigInteger denominator) {
        BigInteger twice = denominator.shiftLeft(1);
        return numerator.shiftLeft(1).add(denominator).divide(twice).longValueExact();
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }
}
