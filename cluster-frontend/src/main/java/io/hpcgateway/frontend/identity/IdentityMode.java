package io.hpcgateway.frontend.identity;

/** How the front end runs commands on behalf of users ({@code frontend.identity.mode}). */
public enum IdentityMode {
    /**
     * Over SSH on a login node, as the user: the front end signs a short-lived OpenSSH user
     * certificate for each user with its CA key, and the login node's sshd trusts that CA.
     */
    SSH,
    /** As root on the login node, starting each command as the user with {@code setpriv}. */
    SETUID,
    /**
     * Everything runs as the front end's own account: users are kept apart only by their
     * directories, and any job can read what that account can, the service's secrets included.
     * Only for a single-user installation such as the embedded default.
     */
    SERVICE_ACCOUNT
}
