package io.hpcgateway.gateway.task;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * A task pool: the Kubernetes pods that run one user's tasks for one image, with the numeric ids
 * of the user's cluster account that they run as. Its id names its Deployment and is the
 * {@code pool} label of {@code hpc_task_outstanding_seconds} that its ScaledObject scales on (a
 * digest, so that no user's name reaches the metrics). Each activation is a new generation: the
 * enrolment token of a pool that was retired does not enrol workers into the next one.
 */
@MongoEntity(collection = "task_pools")
public class TaskPool extends PanacheMongoEntityBase {
    @BsonId
    public String id;
    public String owner;
    public String clusterUser;
    public String cluster;
    public String image;
    public long uid;
    public long gid;
    public List<Long> groups;
    public long generation;
    public boolean active;
    public Instant activatedAt;
    /** When work was last outstanding: a pool is retired only after {@code retire-after} without. */
    public Instant lastWorkAt;

    /** The pool of an owner's tasks for an image on a cluster: 16 hex digits of their SHA-256. */
    static String idOf(String owner, String cluster, String image) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((owner + '\0' + cluster + '\0' + image).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
