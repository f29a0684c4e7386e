package io.hpcgateway.gateway.template;

import io.hpcgateway.gateway.platform.ApiException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a job's parameters against the template's schema (types, enum values, ranges, required;
 * unknown names refused) and turns them into the strings the job sees in its environment.
 */
final class ParameterValues {

    static final int MAX_LENGTH = 4096;

    private ParameterValues() {}

    /** Every parameter's value as text (defaults applied), in schema order. */
    static Map<String, String> resolve(List<TemplateManifest.Parameter> schema, Map<String, Object> given) {
        Map<String, Object> values = given == null ? Map.of() : given;
        List<TemplateManifest.Parameter> parameters = schema == null ? List.of() : schema;
        Set<String> known = new java.util.HashSet<>();
        parameters.forEach(p -> known.add(p.name()));
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest("parameters." + name, "Unknown parameter '" + name + "'; this template "
                        + "takes " + new java.util.TreeSet<>(known));
            }
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        for (TemplateManifest.Parameter p : parameters) {
            Object value = values.containsKey(p.name()) ? values.get(p.name()) : p.defaultValue();
            if (value == null) {
                if (p.mandatory()) {
                    throw ApiException.badRequest("parameters." + p.name(), "Parameter '" + p.name() + "' is required"
                            + (p.description() == null ? "" : ": " + p.description()));
                }
                continue;
            }
            resolved.put(p.name(), check(p, value));
        }
        return resolved;
    }

    /** The value as text if it fits the parameter, else a 400 naming the parameter and the rule. */
    static String check(TemplateManifest.Parameter p, Object value) {
        String field = "parameters." + p.name();
        return switch (p.type()) {
            case "string" -> text(field, value);
            case "path" -> path(field, text(field, value));
            case "enum" -> {
                String text = text(field, value);
                if (p.enumValues() == null || !p.enumValues().contains(text)) {
                    throw ApiException.badRequest(field, "'" + p.name() + "' must be one of " + p.enumValues());
                }
                yield text;
            }
            case "boolean" -> {
                if (!(value instanceof Boolean bool)) {
                    throw ApiException.badRequest(field, "'" + p.name() + "' must be true or false");
                }
                yield bool.toString();
            }
            case "integer", "number" -> number(p, field, value);
            default -> throw ApiException.badRequest(field, "unknown parameter type " + p.type());
        };
    }

    /** Digits a number parameter may have on either side of the point: far beyond any physical quantity. */
    static final int MAX_DIGITS = 30;

    private static String number(TemplateManifest.Parameter p, String field, Object value) {
        if (!(value instanceof Number number)) {
            throw ApiException.badRequest(field, "'" + p.name() + "' must be a " + p.type());
        }
        if ((number instanceof Double d && !Double.isFinite(d)) || (number instanceof Float f && !Float.isFinite(f))) {
            throw ApiException.badRequest(field, "'" + p.name() + "' must be a finite number (" + number
                    + " is beyond what a number can hold)");
        }
        BigDecimal decimal = new BigDecimal(number.toString());
        if (decimal.precision() - decimal.scale() > MAX_DIGITS || decimal.scale() > MAX_DIGITS) {
            throw ApiException.badRequest(field, "'" + p.name() + "' may have at most " + MAX_DIGITS
                    + " digits before and after the decimal point");
        }
        if (p.type().equals("integer") && decimal.stripTrailingZeros().scale() > 0) {
            throw ApiException.badRequest(field, "'" + p.name() + "' must be a whole number");
        }
        if ((p.minimum() != null && decimal.doubleValue() < p.minimum())
                || (p.maximum() != null && decimal.doubleValue() > p.maximum())) {
            throw ApiException.badRequest(field, "'" + p.name() + "' must be between " + p.minimum() + " and "
                    + p.maximum());
        }
        return p.type().equals("integer") ? decimal.toBigInteger().toString() : decimal.toPlainString();
    }

    private static String text(String field, Object value) {
        if (!(value instanceof String text)) {
            throw ApiException.badRequest(field, "'" + field.substring("parameters.".length()) + "' must be a string");
        }
        if (text.length() > MAX_LENGTH || text.indexOf('\0') >= 0) {
            throw ApiException.badRequest(field, "'" + field.substring("parameters.".length()) + "' must be at most "
                    + MAX_LENGTH + " characters without NUL");
        }
        return text;
    }

    /** A path parameter names a file in the job folder: relative, no '..', no control characters. */
    private static String path(String field, String text) {
        boolean escapes = text.startsWith("/") || text.chars().anyMatch(Character::isISOControl)
                || List.of(text.split("/")).contains("..");
        if (text.isBlank() || escapes) {
            throw ApiException.badRequest(field, "'" + field.substring("parameters.".length()) + "' must be a relative "
                    + "path inside the job folder");
        }
        return text;
    }
}
