package io.hpcgateway.gateway.billing;

import io.hpcgateway.gateway.platform.GatewayConfig;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Seed 002's rates: integers in the currency's smallest unit per unit-hour (network per GB), the
 * billing step, the minimum charge, the platform fee and the discount cap.
 */
@Schema(name = "RateCard")
public record RateCard(String currency, long cpuCoreHour, long memoryGbHour, long gpuHour,
                       Map<String, Long> gpuModelHour, long storageGbHour, long networkGb, long nodeHour,
                       long granularitySeconds, long minimumCharge, int platformFeeBps, int maxDiscountBps) {

    static RateCard of(GatewayConfig.Billing billing) {
        return new RateCard(billing.currency(), billing.cpuCoreHour(), billing.memoryGbHour(), billing.gpuHour(),
                new TreeMap<>(billing.gpuModelHour()), billing.storageGbHour(), billing.networkGb(), billing.nodeHour(),
                billing.granularity().toSeconds(), billing.minimumCharge(), billing.platformFeeBps(),
                billing.maxDiscountBps());
    }

    /**
     * This card's rates at {@code bps} basis points (10000 = as they are), for a cluster priced
     * above or below the card; the billing step, minimum charge, fee and discount cap stay.
     */
    public RateCard scaled(int bps) {
        if (bps == BASIS) {
            return this;
        }
        Map<String, Long> models = new TreeMap<>();
        gpuModelHour.forEach((model, rate) -> models.put(model, scale(rate, bps)));
        return new RateCard(currency, scale(cpuCoreHour, bps), scale(memoryGbHour, bps), scale(gpuHour, bps), models,
                scale(storageGbHour, bps), scale(networkGb, bps), scale(nodeHour, bps), granularitySeconds,
                minimumCharge, platformFeeBps, maxDiscountBps);
    }

    private static final int BASIS = 10_000;

    private static long scale(long rate, int bps) {
        return Math.multiplyExact(rate, (long) bps) / BASIS;
    }

    /** The model's own rate where it has one (names compared case-insensitively), else the base GPU rate. */
    long gpuHourFor(String model) {
        return model == null ? gpuHour : gpuModelHour.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(model)).map(Map.Entry::getValue).findFirst().orElse(gpuHour);
    }
}
