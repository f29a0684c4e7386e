package io.hpcgateway.gateway.identity;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonIgnore;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * A user, created on first use from their token. The token subject is the document id, so it is
 * unique without a separate index. Their Unix account on each cluster is in {@link ClusterAccount}.
 */
@MongoEntity(collection = "users")
public class UserAccount extends PanacheMongoEntityBase {
    @BsonId
    public String subject;
    public String email;
    public String name;
    /**
     * The Unix account name the current request's token proposes (its configured claim), or null;
     * never stored, so a name an earlier rule derived is never trusted again.
     */
    @BsonIgnore
    public String clusterUser;
    public List<String> roles;
    /** Where the user is (eu-central...): placement prefers clusters there. Set by the user. */
    public String region;
    public Instant createdAt;
}
