package io.hpcgateway.gateway.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * How a signed document is turned into the bytes its signature covers; every signed document names
 * its own, so documents signed the older way keep verifying. New signatures use RFC 8785 (JSON
 * Canonicalization Scheme), which verifiers elsewhere reproduce with any JCS library; the input
 * is the document without its signature and without null members (absent and null mean the same
 * to the gateway, and a document as authored has no nulls).
 */
public enum Canonicalization {

    /** RFC 8785, through {@code io.github.erdtman:java-json-canonicalization}. */
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
        try {
            return new JsonCanonicalizer(withoutNulls(document).toString()).getEncodedString();
        } catch (IOException e) {
            throw new IllegalStateException("RFC 8785 canonicalization failed", e);
        }
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> {
                if (!field.getValue().isNull()) {
                    copy.set(field.getKey(), withoutNulls(field.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(withoutNulls(item)));
            return copy;
        }
        return node;
    }
}
