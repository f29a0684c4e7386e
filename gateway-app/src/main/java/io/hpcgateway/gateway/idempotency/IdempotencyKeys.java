package io.hpcgateway.gateway.idempotency;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The stored keys: claimed with an insert on the key's id (so of two concurrent first requests
 * exactly one runs), completed with the answer, expired after {@code gateway.idempotency.retention}.
 * Real MongoDB expires them with a TTL index; the sweeper does it on the embedded server, which has
 * none, and the lookups ignore an expired key either way.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private final Duration retention;
    private final Duration lease;
    private final boolean embedded;
    private final Instance<IdempotentRequest> request;

    IdempotencyKeys(GatewayConfig config, Instance<IdempotentRequest> request) {
        this.retention = config.idempotency().retention();
        this.lease = config.idempotency().lease();
        this.embedded = config.mongodb().url().isEmpty();
        this.request = request;
    }

    void createIndexes(@Observes StartupEvent event) {
        if (!embedded) {
            IdempotencyRecord.mongoCollection().createIndex(Indexes.ascending("expiresAt"),
                    new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
        }
    }

    /** The key to store with the current request's effect, if it carries one (see {@link IdempotentRequest}). */
    public Optional<IdempotentRequest.Effect> effect() {
        return Arc.container().requestContext().isActive() ? request.get().effect() : Optional.empty();
    }

    /** The key's record, expired or not. */
    Optional<IdempotencyRecord> find(String id) {
        return Optional.ofNullable(IdempotencyRecord.findById(id));
    }

    /** Claims a key no record holds; empty if one does (a twin's, an earlier try's, or an expired one). */
    Optional<IdempotencyRecord> claim(String id, String fingerprint) {
        Instant now = Instant.now();
        IdempotencyRecord record = new IdempotencyRecord();
        record.id = id;
        record.fingerprint = fingerprint;
        record.effectKey = UUID.randomUUID().toString();
        record.leaseUntil = now.plus(lease);
        record.createdAt = now;
        record.expiresAt = now.plus(retention);
        try {
            record.persist();
            return Optional.of(record);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Takes over a claim whose request died or failed after making its effect: the same effect
     * key, so the retry finds that effect. Empty if the claim is still held or was taken already.
     */
    Optional<IdempotencyRecord> takeOver(IdempotencyRecord stale) {
        Instant now = Instant.now();
        return Optional.ofNullable(IdempotencyRecord.<IdempotencyRecord>mongoCollection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", stale.id), Filters.eq("done", false), Filters.lt("leaseUntil", now)),
                Updates.set("leaseUntil", now.plus(lease)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    void complete(IdempotencyRecord record, String bodyDigest, int status, String body, String location) {
        IdempotencyRecord.mongoCollection().updateOne(Filters.eq("_id", record.id), Updates.combine(
                Updates.set("done", true), Updates.set("bodyDigest", bodyDigest), Updates.set("status", status),
                Updates.set("body", body), Updates.set("location", location)));
    }

    /** An expired key, before the sweeper came by: the next request with it starts afresh. */
    void discardExpired(IdempotencyRecord record) {
        IdempotencyRecord.delete("_id = ?1 and expiresAt < ?2", record.id, Instant.now());
    }

    /** A request that failed before its effect could exist: the key is free again. */
    void release(IdempotencyRecord record) {
        IdempotencyRecord.delete("_id = ?1 and done = false", record.id);
    }

    /** A request that failed after asking for its effect key: the next try may take over at once. */
    void reopen(IdempotencyRecord record) {
        IdempotencyRecord.mongoCollection().updateOne(Filters.and(Filters.eq("_id", record.id),
                Filters.eq("done", false)), Updates.set("leaseUntil", Instant.EPOCH));
    }

    @Scheduled(every = "${gateway.idempotency.sweep-interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        IdempotencyRecord.delete("expiresAt < ?1", Instant.now());
    }
}
