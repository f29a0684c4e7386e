package io.hpcgateway.gateway.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON text a document signs as: keys sorted at every level, no whitespace, null members
 * left out, numbers in plain notation without trailing zeros ({@code 0.800000} -> {@code 0.8},
 * {@code 1E+1} -> {@code 10}). Anyone holding the document rebuilds the same bytes however their
 * JSON library reads numbers, so signatures verify outside the gateway too.
 */
public final class CanonicalJson {

    private CanonicalJson() {}

    public static String of(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            StringBuilder out = new StringBuilder("{");
            for (String name : names) {
                if (node.get(name).isNull()) {
                    continue;
                }
                out.append(out.length() > 1 ? "," : "").append(TextNode.valueOf(name)).append(':')
                        .append(of(node.get(name)));
            }
            return out.append('}').toString();
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(of(item)));
            return "[" + String.join(",", items) + "]";
        }
        return node.isNumber() ? node.decimalValue().stripTrailingZeros().toPlainString() : node.toString();
    }
}
