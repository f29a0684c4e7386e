package io.hpcgateway.gateway.billing;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * A finished job's final charge, fixed when its final usage record is written: later rate changes
 * do not touch it. Refunds from upheld disputes are kept beside the invoice, never inside it.
 */
@MongoEntity(collection = "charges")
public class JobCharge extends PanacheMongoEntityBase {
    @BsonId
    public String jobId;
    public String owner;
    public String cluster;
    /** The calendar month (UTC) of the job's end, {@code 2026-11}: the invoice period it belongs to. */
    public String period;
    public Instant finishedAt;
    public Instant chargedAt;
    public Invoice invoice;
    public long refunded;

    long amountDue() {
        return invoice.total - refunded;
    }

    /** The platform's fee on what is due, at the rate the charge was made with. */
    long platformFeeDue() {
        return ChargeCalculator.platformFee(amountDue(), invoice.platformFeeBps);
    }
}
