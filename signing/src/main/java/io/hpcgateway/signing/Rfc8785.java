package io.hpcgateway.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The bytes a signed document (a template manifest, a usage record) signs as: RFC 8785, the JSON
 * Canonicalization Scheme, of the document without null members (absent and null mean the same,
 * and a document as authored has no nulls). The gateway that verifies and {@code hpcgw} that signs
 * use this one function, so they cannot drift apart.
 */
public final class Rfc8785 {

    private Rfc8785() {}

    public static String canonical(JsonNode document) {
        try {
            return new JsonCanonicalizer(withoutNulls(document).toString()).getEncodedString();
        } catch (IOException e) {
            throw new IllegalArgumentException("RFC 8785 canonicalization failed: " + e.getMessage(), e);
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
