package io.hpcgateway.gateway.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Invoices computed by hand from seed 002's defaults (uvirt: CPU 10,000 per core-hour, memory
 * 5,000 per GB-hour, GPU 100,000 / A100 150,000 per GPU-hour, storage 100 per GB-hour, network
 * 1,000 per GB, node 50,000 per node-hour; 60 s steps; minimum 10,000; fee 2.5 %).
 */
class ChargeCalculatorTest {

    static final RateCard SEED = new RateCard("uvirt", 10_000, 5_000, 100_000, Map.of("a100", 150_000L), 100, 1_000,
            50_000, 60, 10_000, 250, 5_000);
    private static final long GIB = 1L << 30;

    @Test
    void aShortJobPaysTheMinimumCharge() {
        // 30 s on 1 core and 1 node: billed 60 s; cpu 10,000 x 1/60 h = 166.67 -> 167; node 50,000/60 = 833.33 -> 833.
        Invoice invoice = calculate(new BillableUsage(30, 1, 1, 0, null, null, null, null));
        assertEquals(60, invoice.billedSeconds);
        assertLines(invoice, Map.of("cpu", 167L, "node", 833L));
        assertEquals(1_000, invoice.subtotal);
        assertEquals(9_000, invoice.minimumChargeAdjustment);
        assertEquals(10_000, invoice.total);
        assertEquals(250, invoice.platformFee);
        assertEquals(9_750, invoice.providerShare);
    }

    @Test
    void runTimeIsRoundedUpToTheMinute() {
        // 3,601 s -> 3,660 s (61 min). 4 cores: 10,000 x 4 x 61/60 = 40,666.67 -> 40,667;
        // 8 GiB: 5,000 x 8 x 61/60 = 40,666.67 -> 40,667; 1 node: 50,000 x 61/60 = 50,833.33 -> 50,833.
        Invoice invoice = calculate(new BillableUsage(3_601, 4, 1, 0, null, 8 * GIB, null, null));
        assertEquals(3_660, invoice.billedSeconds);
        assertLines(invoice, Map.of("cpu", 40_667L, "memory", 40_667L, "node", 50_833L));
        assertEquals("4.066667", invoice.lines.get(0).quantity, "core-hours");
        assertEquals(132_167, invoice.subtotal);
        assertEquals(0, invoice.minimumChargeAdjustment);
        // 2.5 % of 132,167 = 3,304.175 -> 3,304; the provider gets the rest.
        assertEquals(3_304, invoice.platformFee);
        assertEquals(128_863, invoice.providerShare);
        assertEquals(3_660, calculate(new BillableUsage(3_660, 4, 1, 0, null, 8 * GIB, null, null)).billedSeconds,
                "a whole minute is not rounded further");
    }

    @Test
    void theFeeSplitsEveryChargeBetweenPlatformAndProvider() {
        // 2 h on 1 core and 1 node: 20,000 + 100,000 = 120,000; fee 3,000; provider 117,000.
        Invoice invoice = calculate(new BillableUsage(7_200, 1, 1, 0, null, null, null, null));
        assertEquals(120_000, invoice.total);
        assertEquals(3_000, invoice.platformFee);
        assertEquals(117_000, invoice.providerShare);
        assertEquals(invoice.total, invoice.platformFee + invoice.providerShare);
    }

    @Test
    void eachDiscountTypeTakesItsShareOfTheSubtotal() {
        BillableUsage twoHours = new BillableUsage(7_200, 1, 1, 0, null, null, null, null);
        assertEquals(114_000, calculate(twoHours, new Discount("volume", "tier", 500)).total, "5 % of 120,000 = 6,000");
        assertEquals(117_600, calculate(twoHours, new Discount("loyalty", "a year", 200)).total, "2 % = 2,400");
        assertEquals(108_000, calculate(twoHours, new Discount("promo", "code", 1_000)).total, "10 % = 12,000");
        Invoice all = calculate(twoHours, new Discount("volume", "tier", 500), new Discount("loyalty", "a year", 200),
                new Discount("promo", "code", 1_000));
        assertEquals(List.of(6_000L, 2_400L, 12_000L), all.discounts.stream().map(d -> d.amount).toList());
        assertEquals(99_600, all.total);
        assertEquals(2_490, all.platformFee);
        assertEquals(97_110, all.providerShare);
    }

    @Test
    void discountsTogetherStopAtTheCap() {
        RateCard capped = new RateCard("uvirt", 10_000, 5_000, 100_000, Map.of(), 100, 1_000, 50_000, 60, 10_000, 250,
                1_500);
        Invoice invoice = ChargeCalculator.calculate(new BillableUsage(7_200, 1, 1, 0, null, null, null, null), capped,
                List.of(new Discount("volume", "tier", 500), new Discount("loyalty", "a year", 200),
                        new Discount("promo", "code", 1_000)));
        // Cap 15 % of 120,000 = 18,000: the promo gets what is left after 6,000 + 2,400, i.e. 9,600.
        assertEquals(List.of(6_000L, 2_400L, 9_600L), invoice.discounts.stream().map(d -> d.amount).toList());
        assertEquals(102_000, invoice.total);
    }

    @Test
    void aDiscountNeverTakesTheChargeBelowTheMinimum() {
        Invoice invoice = calculate(new BillableUsage(600, 1, 1, 0, null, null, null, null),
                new Discount("promo", "code", 5_000));
        // 10 min: cpu 1,667 + node 8,333 = 10,000; half off = 5,000; topped up to the minimum.
        assertEquals(10_000, invoice.subtotal);
        assertEquals(5_000, invoice.discountTotal);
        assertEquals(5_000, invoice.minimumChargeAdjustment);
        assertEquals(10_000, invoice.total);
    }

    @Test
    void gpuJobsPayTheirModelsRate() {
        // 90 min, 8 cores, 1 node, 2 A100: gpu 150,000 x 2 x 1.5 = 450,000; cpu 120,000; node 75,000.
        Invoice a100 = calculate(new BillableUsage(5_400, 8, 1, 2, "a100", null, null, null));
        assertLines(a100, Map.of("cpu", 120_000L, "gpu:a100", 450_000L, "node", 75_000L));
        assertEquals(645_000, a100.total);
        assertEquals(16_125, a100.platformFee);
        assertEquals(628_875, a100.providerShare);
        // A model without its own rate pays the base GPU rate: 100,000 x 2 x 1.5 = 300,000.
        Invoice other = calculate(new BillableUsage(5_400, 8, 1, 2, "v100", null, null, null));
        assertEquals(300_000, other.lines.stream().filter(l -> l.resource.equals("gpu:v100")).findFirst().orElseThrow().amount);
    }

    @Test
    void storageAndNetworkAreBilledAsMeasured() {
        // 2.5 GB-hours x 100 = 250; 3 GiB x 1,000 = 3,000 (no run-time rounding for either).
        Invoice invoice = calculate(new BillableUsage(3_600, 1, 1, 0, null, null, 2_500_000L, 3 * GIB));
        assertEquals(250, invoice.lines.stream().filter(l -> l.resource.equals("storage")).findFirst().orElseThrow().amount);
        assertEquals(3_000, invoice.lines.stream().filter(l -> l.resource.equals("network")).findFirst().orElseThrow().amount);
    }

    @Test
    void aJobThatRanLessThanASecondPaysOneStep() {
        Invoice invoice = calculate(new BillableUsage(0, 1, 1, 0, null, null, null, null));
        assertEquals(60, invoice.billedSeconds);
        assertEquals(10_000, invoice.total, "and the minimum charge");
    }

    @Test
    void aJobThatNeverRanOwesNothing() {
        Invoice invoice = calculate(new BillableUsage(0, 0, 0, 0, null, null, 0L, null));
        assertEquals(0, invoice.total);
        assertEquals(0, invoice.minimumChargeAdjustment);
    }

    @Test
    void theSameInputsAlwaysGiveTheSameInvoice() throws Exception {
        ObjectMapper json = new ObjectMapper();
        BillableUsage usage = new BillableUsage(12_345, 3, 2, 1, "a100", 7 * GIB + 12_345, 987_654L, 5 * GIB + 1);
        Discount[] discounts = {new Discount("volume", "tier", 500), new Discount("promo", "code", 333)};
        String first = json.writeValueAsString(calculate(usage, discounts));
        for (int i = 0; i < 100; i++) {
            assertEquals(first, json.writeValueAsString(calculate(usage, discounts)));
        }
    }

    private static Invoice calculate(BillableUsage usage, Discount... discounts) {
        return ChargeCalculator.calculate(usage, SEED, List.of(discounts));
    }

    private static void assertLines(Invoice invoice, Map<String, Long> expected) {
        assertEquals(expected.size(), invoice.lines.size(), "lines: " + invoice.lines.stream().map(l -> l.resource).toList());
        expected.forEach((resource, amount) -> assertEquals(amount, invoice.lines.stream()
                .filter(l -> l.resource.equals(resource)).findFirst().orElseThrow().amount, resource));
    }
}
