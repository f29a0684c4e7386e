package io.hpcgateway.gateway.billing;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/** A user's billing settings: the promotional code they redeemed, which applies to jobs ending after. */
@MongoEntity(collection = "billing_accounts")
public class BillingAccount extends PanacheMongoEntityBase {
    @BsonId
    public String subject;
    public String promoCode;
    public Instant promoRedeemedAt;
}
