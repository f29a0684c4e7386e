package io.hpcgateway.gateway.billing;

import io.hpcgateway.gateway.identity.UserAccount;
import io.hpcgateway.gateway.platform.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which of seed 002's discounts a charge qualifies for, in the order they apply: volume (the
 * customer's charges this month so far reach a tier), loyalty (account age) and a redeemed
 * promotional code.
 */
@ApplicationScoped
public class DiscountPolicy {

    private final GatewayConfig.Billing config;
    private final TreeMap<Long, Integer> volumeTiers = new TreeMap<>();

    DiscountPolicy(GatewayConfig config) {
        this.config = config.billing();
        this.config.volumeDiscountBps().forEach((threshold, bps) -> {
            try {
                volumeTiers.put(Long.parseLong(threshold), bps);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("gateway.billing.volume-discount-bps.\"" + threshold
                        + "\": the key must be an amount in the smallest currency unit", e);
            }
        });
    }

    /**
     * @param spentThisPeriod the customer's other final charges of the same month
     * @param at              when the job ended (the moment the terms are judged at)
     */
    List<Discount> discounts(String customer, long spentThisPeriod, Instant at) {
        List<Discount> discounts = new ArrayList<>();
        Map.Entry<Long, Integer> tier = volumeTiers.floorEntry(spentThisPeriod);
        if (tier != null && tier.getKey() > 0) {
            discounts.add(new Discount("volume", "charges this month reached " + tier.getKey(), tier.getValue()));
        }
        UserAccount account = UserAccount.findById(customer);
        if (account != null && account.createdAt != null && config.loyaltyDiscountBps() > 0
                && !account.createdAt.plus(config.loyaltyMinAccountAge()).isAfter(at)) {
            discounts.add(new Discount("loyalty", "customer since " + account.createdAt, config.loyaltyDiscountBps()));
        }
        BillingAccount billing = BillingAccount.findById(customer);
        if (billing != null && billing.promoCode != null && !billing.promoRedeemedAt.isAfter(at)) {
            promoBps(billing.promoCode).ifPresent(bps -> discounts.add(
                    new Discount("promo", "code " + billing.promoCode, bps)));
        }
        return discounts;
    }

    /** The code's discount, matched case-insensitively; empty for a code this deployment does not offer. */
    Optional<Integer> promoBps(String code) {
        return config.promoCodes().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(code))
                .map(Map.Entry::getValue).findFirst();
    }
}
