package io.hpcgateway.gateway.cluster;

/**
 * How the gateway proves to a cluster who is calling: the user it acts for, within that user's
 * request, or the gateway itself for its own work (every user's jobs, accounting, the stops it
 * decides). One per cluster, chosen by {@code gateway.clusters.<name>.auth}.
 */
interface ClusterCredentials {

    /** The Authorization header for a call on behalf of {@code clusterUser}, made in that user's request. */
    String authorization(String clusterUser);

    /** The Authorization header for the gateway's own calls. */
    String serviceAuthorization();

    /**
     * Whether the gateway can call on a user's behalf outside that user's request (settling a
     * launch in the background): not when it holds only the token the user's request brought.
     */
    default boolean actsForUsersOutsideRequests() {
        return true;
    }

    /** What signs or issues the tokens and what the cluster must trust, for the startup log. */
    String describe();
}
