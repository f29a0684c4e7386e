package io.hpcgateway.frontend.identity;

/**
 * Whom a command runs as: a user's Unix account (named by their token), or the front end's
 * service identity, which does the gateway's batched work (every user's jobs, accounting for
 * many jobs) and owns no jobs or files of its own.
 */
public record RunAs(String account, boolean service) {

    public static RunAs user(String account) {
        return new RunAs(account, false);
    }

    /** The service identity; {@code account} is the token's name, for logs only. */
    public static RunAs service(String tokenName) {
        return new RunAs(tokenName, true);
    }

    @Override
    public String toString() {
        return service ? "the service identity" : "account '" + account + "'";
    }
}
