package io.hpcgateway.gateway.template;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * A provider's template signing key as an admin registered it: the id is the key's fingerprint, so
 * a key belongs to one provider only. A revoked key signs no new submission.
 */
@MongoEntity(collection = "provider_keys")
public class ProviderKey extends PanacheMongoEntityBase {

    @BsonId
    public String keyId;
    /** The provider's account, by token subject. */
    public String provider;
    /** Ed25519, base64 X.509 (SubjectPublicKeyInfo), as manifests carry it. */
    public String publicKey;
    public String registeredBy;
    public Instant registeredAt;
    public String revokedBy;
    public Instant revokedAt;
}
