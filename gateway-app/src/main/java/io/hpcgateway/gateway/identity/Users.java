package io.hpcgateway.gateway.identity;

import com.mongodb.MongoWriteException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Finds the caller's account, creating it on first use from the token's claims. */
@ApplicationScoped
public class Users {

    /** Usable as a directory name on a cluster, as the front end requires. */
    private static final Pattern CLUSTER_USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");
    private static final int DUPLICATE_KEY = 11000;

    public UserAccount current(SecurityIdentity identity) {
        JsonWebToken token = (JsonWebToken) identity.getPrincipal();
        String subject = token.getSubject() != null ? token.getSubject() : token.getName();
        UserAccount known = UserAccount.findById(subject);
        if (known != null) {
            return known;
        }
        UserAccount account = new UserAccount();
        account.subject = subject;
        account.email = token.getClaim("email");
        account.name = token.getClaim("name");
        account.clusterUser = clusterUser(token.getClaim("preferred_username"), account.email, subject);
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

    /**
     * The preferred user name when usable; else the e-mail's local part with dots as underscores
     * (as the original hpc-gateway-app did); else a stable name derived from the subject.
     */
    static String clusterUser(String preferred, String email, String subject) {
        if (preferred != null && CLUSTER_USER.matcher(preferred).matches()) {
            return preferred;
        }
        if (email != null && email.contains("@")) {
            String local = email.substring(0, email.indexOf('@')).replace('.', '_').replaceAll("[^A-Za-z0-9_-]", "_");
            if (CLUSTER_USER.matcher(local).matches()) {
                return local;
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return "u" + HexFormat.of().formatHex(digest).substring(0, 15);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
