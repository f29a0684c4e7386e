package io.hpcgateway.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The bearer token for one gateway: {@code HPCGW_TOKEN} when set (scripts, CI), else the cached
 * session, renewed when it is within a minute of expiring: with the identity provider's refresh
 * token, or by signing a new dev token with the embedded default's key.
 */
public final class Credentials {

    /** Renew this long before expiry, so a token never runs out in the middle of a transfer's request. */
    private static final long MARGIN_SECONDS = 60;

    private final TokenStore store;
    private final String gateway;
    private final String environmentToken;
    private final Oidc oidc;

    public Credentials(TokenStore store, String gateway, String environmentToken, Oidc oidc) {
        this.store = store;
        this.gateway = gateway;
        this.environmentToken = environmentToken;
        this.oidc = oidc;
    }

    public synchronized String bearer() {
        if (environmentToken != null && !environmentToken.isBlank()) {
            return environmentToken.strip();
        }
        ObjectNode sessions = store.load();
        JsonNode session = sessions.get(gateway);
        if (session == null) {
            throw new CliException(ExitCodes.AUTH, "Not logged in to " + gateway + ": run 'hpcgw login'");
        }
        long expiresAt = session.path("expires_at").asLong(Long.MAX_VALUE);
        if (Instant.now().getEpochSecond() < expiresAt - MARGIN_SECONDS) {
            return session.path("access_token").asText();
        }
        ObjectNode renewed = renew((ObjectNode) session);
        sessions.set(gateway, renewed);
        store.save(sessions);
        return renewed.path("access_token").asText();
    }

    private ObjectNode renew(ObjectNode session) {
        switch (session.path("kind").asText()) {
            case "dev" -> {
                return DevTokens.session(session.path("dev_user").asText(), session.path("dev_roles").asText(),
                        Path.of(session.path("dev_key_dir").asText()));
            }
            case "oidc" -> {
                if (session.hasNonNull("refresh_token")) {
                    return oidc.refresh(session);
                }
            }
            default -> {
                // a pasted token cannot be renewed
            }
        }
        throw new CliException(ExitCodes.AUTH, "The session for " + gateway + " expired: run 'hpcgw login'");
    }

    /** Stores a new session for this gateway. */
    public void store(ObjectNode session) {
        ObjectNode sessions = store.load();
        sessions.set(gateway, session);
        store.save(sessions);
    }

    /** Forgets this gateway's session; whether there was one. */
    public boolean forget() {
        ObjectNode sessions = store.load();
        boolean had = sessions.remove(gateway) != null;
        store.save(sessions);
        return had;
    }

    public JsonNode session() {
        return store.load().get(gateway);
    }
}
