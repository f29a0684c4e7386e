package io.hpcgateway.gateway.identity;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import java.time.Instant;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * A user, created on first use from their token. The token subject is the document id, so it is
 * unique without a separate index. {@code clusterUser} names the user's directory on clusters.
 */
@MongoEntity(collection = "users")
public class UserAccount extends PanacheMongoEntityBase {
    @BsonId
    public String subject;
    public String email;
    public String name;
    public String clusterUser;
    public List<String> roles;
    public Instant createdAt;
}
