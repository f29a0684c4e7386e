package io.hpcgateway.gateway.identity;

import com.mongodb.MongoWriteException;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Finds the caller's account, creating it on first use from the token's claims. The token's
 * subject is the account; the configured claim ({@code gateway.identity.cluster-user-claim})
 * proposes the Unix account name, which {@link ClusterAccounts} claims per cluster. There is no
 * fallback to another claim: an e-mail's local part, for one, is anyone's to choose.
 */
@ApplicationScoped
public class Users {

    /** Usable as a Unix account and directory name, as the front end requires. */
    private static final Pattern CLUSTER_USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");
    private static final int DUPLICATE_KEY = 11000;

    private final String clusterUserClaim;

    Users(GatewayConfig config) {
        this.clusterUserClaim = config.identity().clusterUserClaim();
    }

    /** The caller's account; the token has a subject (tokens without one never get this far, see TokenPolicy). */
    public UserAccount current(SecurityIdentity identity) {
        JsonWebToken token = (JsonWebToken) identity.getPrincipal();
        UserAccount account = findOrCreate(token, identity);
        Object proposed = token.getClaim(clusterUserClaim);
        account.clusterUser = proposed instanceof String name && usableName(name) ? name : null;
        return account;
    }

    private static UserAccount findOrCreate(JsonWebToken token, SecurityIdentity identity) {
        String subject = token.getSubject();
        UserAccount known = UserAccount.findById(subject);
        if (known != null) {
            return known;
        }
        UserAccount account = new UserAccount();
        account.subject = subject;
        account.email = token.getClaim("email");
        account.name = token.getClaim("name");
        account.roles = List.copyOf(identity.getRoles());
        account.createdAt = Instant.now();
        try {
            account.persist();
            return account;
        } catch (MongoWriteException e) {
            if (e.getError().getCode() == DUPLICATE_KEY) {
                return UserAccount.findById(subject); // a concurrent first request created it
            }
            throw e;
        }
    }

    static boolean usableName(String name) {
        return name != null && CLUSTER_USER.matcher(name).matches();
    }
}
