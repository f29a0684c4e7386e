package io.hpcgateway.gateway.idempotency;

import java.security.MessageDigest;

/** A route parameter that knows how to digest its own content (a spooled upload, say) for a fingerprint. */
public interface Fingerprinted {
    void digestInto(MessageDigest digest);
}
