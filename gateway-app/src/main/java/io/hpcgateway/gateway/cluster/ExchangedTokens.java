package io.hpcgateway.gateway.cluster;

import io.hpcgateway.gateway.platform.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code auth=token-exchange}: for a FirecREST that trusts only the site's identity provider. The
 * caller's own access token is exchanged there for one whose audience is the cluster; the gateway
 * signs nothing. So the cluster account is what the identity provider says: a user whose gateway
 * account maps to another name (an admin's mapping) is refused, never run under the wrong name.
 * The gateway's own calls use its client's service account, which the identity provider gives the
 * service role.
 */
final class ExchangedTokens implements ClusterCredentials {

    private static final String SERVICE = "service";

    private final String cluster;
    private final String audience;
    private final String usernameClaim;
    private final TokenEndpoint endpoint;
    private final Supplier<Optional<String>> callerToken;
    private final TokenCache cache = new TokenCache();

    ExchangedTokens(String cluster, String audience, String usernameClaim, TokenEndpoint endpoint,
                    Supplier<Optional<String>> callerToken) {
        this.cluster = cluster;
        this.audience = audience;
        this.usernameClaim = usernameClaim;
        this.endpoint = endpoint;
        this.callerToken = callerToken;
    }

    @Override
    public String authorization(String clusterUser) {
        String subjectToken = callerToken.get().orElseThrow(() -> new IllegalStateException("A call for '"
                + clusterUser + "' on cluster " + cluster + " outside that user's request: with token exchange only "
                + "the gateway's own calls can be made then"));
        IssuedToken token = cache.get(sha256(subjectToken), () -> issue(endpoint.exchange(subjectToken, audience)));
        if (!clusterUser.equals(token.account())) {
            throw new ApiException(403, "cluster_account_mismatch", "Cluster '" + cluster + "' takes your account "
                    + "from the identity provider, which names '" + token.account() + "', but the gateway has '"
                    + clusterUser + "' for you. An admin must make the two agree (the identity provider's '"
                    + usernameClaim + "', or the gateway's cluster account mapping).",
                    Map.of("cluster", cluster, "identityProviderAccount", String.valueOf(token.account()),
                            "gatewayAccount", clusterUser));
        }
        return token.header();
    }

    @Override
    public String serviceAuthorization() {
        return cache.get(SERVICE, () -> issue(endpoint.clientCredentials())).header();
    }

    private IssuedToken issue(Map<String, Object> answer) {
        String token = (String) answer.get("access_token");
        Map<String, Object> claims = TokenEndpoint.claims(token);
        Object account = claims.get(usernameClaim);
        return new IssuedToken(token, account instanceof String name ? name : null, TokenEndpoint.expiry(answer, claims));
    }

    @Override
    public boolean actsForUsersOutsideRequests() {
        return false;
    }

    @Override
    public String describe() {
        return "the user's token exchanged by client " + endpoint.clientId() + " for audience " + audience
                + "; the cluster must trust the identity provider's keys";
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
