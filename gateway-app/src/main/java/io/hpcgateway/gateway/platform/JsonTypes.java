package io.hpcgateway.gateway.platform;

import java.util.Collection;
import java.util.Map;

/** What a JSON field must hold, in JSON's words rather than Java's, for error messages. */
final class JsonTypes {

    private JsonTypes() {}

    static String expected(Class<?> type) {
        if (type == null) {
            return "a value of the documented type";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of the documented values";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a value of the documented type";
    }
}
