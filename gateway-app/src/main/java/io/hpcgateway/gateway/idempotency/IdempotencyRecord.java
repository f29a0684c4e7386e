package io.hpcgateway.gateway.idempotency;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * One {@code Idempotency-Key} of one user: claimed while its request runs (until
 * {@code leaseUntil}), then holding the answer to replay until {@code expiresAt}.
 */
@MongoEntity(collection = "idempotency_keys")
public class IdempotencyRecord extends PanacheMongoEntityBase {
    /** SHA-256 of the subject and the key: the key is the client's, so it is scoped to its user. */
    @BsonId
    public String id;
    /** The route and everything the request said, digested; a stream body's digest is {@code bodyDigest}. */
    public String fingerprint;
    public String bodyDigest;
    /**
     * Stored with the effect itself (a created job carries it under a unique index), so a retry
     * after a crash between the effect and its answer finds the effect instead of repeating it.
     */
    public String effectKey;
    public Instant leaseUntil;
    public boolean done;
    public int status;
    public String body;
    public String location;
    public Instant createdAt;
    public Instant expiresAt;
}
