package io.hpcgateway.gateway.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.hpcgateway.signing.Rfc8785;
import java.util.Optional;

/**
 * How a signed document is turned into the bytes its signature covers; every signed document names
 * its own, so documents signed the older way keep verifying. New signatures use RFC 8785 (JSON
 * Canonicalization Scheme), which verifiers elsewhere reproduce with any JCS library; the input
 * is the document without its signature and without null members.
 */
public enum Canonicalization {

    /** RFC 8785 ({@link Rfc8785}, shared with hpcgw, which signs with it). */
    RFC8785("RFC8785"),
    /** The gateway's first canonical form ({@link CanonicalJson}): documents with no name are this. */
    HPCGW_V1("hpcgw-canonical-json-v1");

    private final String label;

    Canonicalization(String label) {
        this.label = label;
    }

    /** The name a signature records. */
    public String label() {
        return label;
    }

    /** The canonicalization a document names; a document that names none predates the names. */
    public static Optional<Canonicalization> named(String label) {
        if (label == null) {
            return Optional.of(HPCGW_V1);
        }
        for (Canonicalization c : values()) {
            if (c.label.equals(label)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public String canonical(JsonNode document) {
        if (this == HPCGW_V1) {
            return CanonicalJson.of(document);
        }
        return Rfc8785.canonical(document);
    }
}
