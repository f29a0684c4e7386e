package io.hpcgateway.gateway.billing;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An itemised charge: resource lines, discounts, the minimum-charge top-up, the total, and its split
 * into platform fee and provider share. All amounts are integers in the currency's smallest unit.
 * A plain class, as it is stored inside the job's charge document.
 */
@Schema(name = "Invoice")
public class Invoice {
    public String currency;
    @Schema(description = "Run time billed: the wall-clock time rounded up to the billing step")
    public long billedSeconds;
    public List<Line> lines = new ArrayList<>();
    public long subtotal;
    public List<AppliedDiscount> discounts = new ArrayList<>();
    public long discountTotal;
    @Schema(description = "What lifts the charge to the minimum charge, if it is below it")
    public long minimumChargeAdjustment;
    public long total;
    @Schema(description = "The platform fee's rate in basis points, as charged (250 = 2.5 %)")
    public int platformFeeBps;
    public long platformFee;
    public long providerShare;

    @Schema(name = "InvoiceLine")
    public static class Line {
        @Schema(description = "cpu, memory, gpu, node, storage or network")
        public String resource;
        @Schema(description = "Quantity in the unit, six decimals")
        public String quantity;
        @Schema(description = "core-hour, GB-hour, GPU-hour, node-hour or GB")
        public String unit;
        public long rate;
        public long amount;
    }

    @Schema(name = "AppliedDiscount")
    public static class AppliedDiscount {
        public String type;
        public String reason;
        public int bps;
        public long amount;
    }
}
