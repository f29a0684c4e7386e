package io.hpcgateway.gateway.cluster;

import java.time.Instant;

/** A bearer token for a cluster, the Unix account it names, and when it expires. */
record IssuedToken(String token, String account, Instant expiresAt) {

    String header() {
        return "Bearer " + token;
    }
}
