package io.hpcgateway.gateway.identity;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * Which person a Unix account on a cluster belongs to. The id is {@code <cluster>/<unixName>},
 * so the database itself guarantees one person per cluster account: a second claim of the same
 * name is a duplicate key, refused, never merged.
 */
@MongoEntity(collection = "cluster_accounts")
public class ClusterAccount extends PanacheMongoEntityBase {

    /** How the mapping came about. */
    public enum Source { CLAIM, ADMIN }

    @BsonId
    public String id;
    public String cluster;
    public String unixName;
    public String subject;
    public Source source;
    public Instant createdAt;

    static String id(String cluster, String unixName) {
        return cluster + "/" + unixName;
    }
}
