package io.hpcgateway.gateway.identity;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import io.hpcgateway.gateway.audit.AuditLog;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.platform.ApiException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Unix account each user runs as on each cluster. An administrator's explicit mapping wins
 * (for sites whose Unix names come from a directory); otherwise the name comes from the token's
 * configured claim and is claimed for the user on first use. One account is one person: a name
 * another user already holds is refused with 409 and audited, never shared.
 */
@ApplicationScoped
public class ClusterAccounts {

    private static final int DUPLICATE_KEY = 11000;

    private final Clusters clusters;
    private final AuditLog audit;

    ClusterAccounts(Clusters clusters, AuditLog audit) {
        this.clusters = clusters;
        this.audit = audit;
    }

    void createIndexes(@Observes StartupEvent event) {
        ClusterAccount.mongoCollection().createIndex(Indexes.ascending("subject", "cluster"));
    }

    /** The user's account on the cluster, claiming the token's name for them on first use. */
    public String of(UserAccount user, String cluster) {
        Optional<ClusterAccount> mapped = find(user.subject, cluster);
        if (mapped.isPresent()) {
            return mapped.get().unixName;
        }
        if (user.clusterUser == null) {
            throw new ApiException(403, "no_cluster_account", "Your token names no account usable on cluster '"
                    + cluster + "' (its claim must be a Unix name: letters, digits, '.', '_', '-'). An administrator "
                    + "can map your account: PUT /api/v2/admin/cluster-accounts/" + cluster + "/<name>.",
                    Map.of("subject", user.subject));
        }
        ClusterAccount claim = mapping(cluster, user.clusterUser, user.subject, ClusterAccount.Source.CLAIM);
        try {
            claim.persist();
            return claim.unixName;
        } catch (MongoWriteException e) {
            if (e.getError().getCode() != DUPLICATE_KEY) {
                throw e;
            }
        }
        ClusterAccount holder = ClusterAccount.findById(claim.id);
        if (holder != null && holder.subject.equals(user.subject)) {
            return holder.unixName; // a concurrent first request of the same user
        }
        audit.record("identity_conflict", null, cluster, user.subject, Map.of("cluster_account", user.clusterUser),
                false);
        throw taken(cluster, user.clusterUser);
    }

    /** The account if the user has one on the cluster already; never claims one. */
    public Optional<String> existing(UserAccount user, String cluster) {
        return find(user.subject, cluster).map(account -> account.unixName);
    }

    /** An administrator gives {@code unixName} on the cluster to {@code subject}, replacing their earlier one. */
    public ClusterAccount map(String cluster, String unixName, String subject, String admin) {
        clusters.get(cluster);
        if (!Users.usableName(unixName)) {
            throw ApiException.badRequest("unixName", "'" + unixName + "' is not a Unix account name (letters, digits, "
                    + "'.', '_', '-'; at most 64)");
        }
        if (subject == null || subject.isBlank()) {
            throw ApiException.badRequest("subject", "Send {\"subject\": \"<the user's token subject>\"}");
        }
        ClusterAccount held = ClusterAccount.findById(ClusterAccount.id(cluster, unixName));
        if (held != null && !held.subject.equals(subject)) {
            audit.record("identity_conflict", null, cluster, admin, Map.of("cluster_account", unixName,
                    "requested_for", subject, "held_by", held.subject), false);
            throw taken(cluster, unixName);
        }
        ClusterAccount mapping = held != null ? held : mapping(cluster, unixName, subject, ClusterAccount.Source.ADMIN);
        mapping.source = ClusterAccount.Source.ADMIN;
        mapping.persistOrUpdate();
        ClusterAccount.mongoCollection().deleteMany(Filters.and(Filters.eq("subject", subject),
                Filters.eq("cluster", cluster), Filters.ne("_id", mapping.id)));
        audit.record("cluster_account_mapped", null, cluster, admin, Map.of("cluster_account", unixName,
                "subject", subject), true);
        return mapping;
    }

    public void unmap(String cluster, String unixName, String admin) {
        if (!ClusterAccount.deleteById(ClusterAccount.id(cluster, unixName))) {
            throw ApiException.notFound("Cluster account", cluster + "/" + unixName);
        }
        audit.record("cluster_account_unmapped", null, cluster, admin, Map.of("cluster_account", unixName), true);
    }

    public List<ClusterAccount> list(String cluster, String subject) {
        List<org.bson.conversions.Bson> filters = new ArrayList<>();
        Optional.ofNullable(cluster).ifPresent(c -> filters.add(Filters.eq("cluster", c)));
        Optional.ofNullable(subject).ifPresent(s -> filters.add(Filters.eq("subject", s)));
        return ClusterAccount.<ClusterAccount>mongoCollection()
                .find(filters.isEmpty() ? Filters.empty() : Filters.and(filters)).into(new ArrayList<>());
    }

    private static Optional<ClusterAccount> find(String subject, String cluster) {
        return Optional.ofNullable(ClusterAccount.<ClusterAccount>mongoCollection()
                .find(Filters.and(Filters.eq("subject", subject), Filters.eq("cluster", cluster))).first());
    }

    private static ClusterAccount mapping(String cluster, String unixName, String subject, ClusterAccount.Source source) {
        ClusterAccount account = new ClusterAccount();
        account.id = ClusterAccount.id(cluster, unixName);
        account.cluster = cluster;
        account.unixName = unixName;
        account.subject = subject;
        account.source = source;
        account.createdAt = Instant.now();
        return account;
    }

    private static ApiException taken(String cluster, String unixName) {
        return new ApiException(409, "cluster_account_taken", "The account '" + unixName + "' on cluster '" + cluster
                + "' belongs to another user; an administrator can map your account to another name.",
                Map.of("cluster", cluster, "cluster_account", unixName));
    }
}
