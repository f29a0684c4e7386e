package io.hpcgateway.broker.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON messages between edge (or MarketPlace) and relay. A request is MarketPlace's
 * {@code {endpoint, method, query_params, headers, body}}, an answer {@code {status_code, headers,
 * body}}. Two additions, absent from small text messages so those stay exactly MarketPlace's:
 * {@code body_encoding} (see {@link Bodies}) and, for bodies split over several messages with the
 * same correlation id, {@code chunk} (0 on the first, which carries the head) and {@code more}.
 * A later chunk carries only {@code chunk}, {@code more} and its body. Answers come in parts only
 * to a requester that says {@code "accept_chunks": true}; any other gets one message.
 */
public final class Wire {

    private Wire() {}

    /** A request's first (often only) message. */
    /**
     * @param acceptsChunks the requester reads an answer in parts ({@code "accept_chunks": true});
     *                      a stock MarketPlace consumer does not, and gets one message
     */
    public record RequestHead(String endpoint, String method, Map<String, List<String>> query, Map<String, String> headers,
                              Buffer body, boolean more, boolean acceptsChunks) {}

    /** An answer's first (often only) message. */
    public record ResponseHead(int status, Map<String, String> headers, Buffer body, boolean more) {}

    /** A later piece of a body: {@code chunk} counts from 1. */
    public record Part(int chunk, Buffer body, boolean more) {}

    /** What a message is: a head, or a later part. */
    public static boolean isPart(JsonObject message) {
        Object chunk = message.getValue("chunk");
        if (chunk != null && !(chunk instanceof Integer || chunk instanceof Long)) {
            throw new MalformedMessageException("'chunk' must be a whole number: 0 for a request's first message, "
                    + "1, 2, ... for the parts after it");
        }
        return chunk != null && ((Number) chunk).longValue() > 0;
    }

    /** The methods a request may replay: the gateway's API has no others (no CONNECT, no TRACE). */
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final int MAX_HEADERS = 100;
    private static final int MAX_HEADER_CHARS = 16 * 1024;

    /** What a request's fields must hold, for a message whose field has another type. */
    private static final String REQUEST_TYPES = "A field has the wrong type: 'endpoint' and 'method' are strings, "
            + "'query_params' and 'headers' objects of strings (or null), 'body' a string or null, 'more' and "
            + "'accept_chunks' true or false";
    /** The request field by which a requester asks for large answers in parts. */
    static final String ACCEPT_CHUNKS = "accept_chunks";

    public static JsonObject parse(Buffer raw) {
        try {
            Object value = raw.toJson();
            if (value instanceof JsonObject json) {
                return json;
            }
        } catch (DecodeException e) {
            throw new MalformedMessageException("The message is not JSON: send one JSON object per message");
        }
        throw new MalformedMessageException("The message must be a JSON object");
    }

    public static RequestHead requestHead(JsonObject json) {
        try {
            if (!(json.getValue("endpoint") instanceof String) || !(json.getValue("method") instanceof String)) {
                throw new MalformedMessageException("A request needs 'endpoint' and 'method', both strings");
            }
            String endpoint = json.getString("endpoint");
            String method = json.getString("method");
            if (endpoint == null || method == null || method.isBlank()) {
                throw new MalformedMessageException("A request needs 'endpoint' and 'method'");
            }
            String verb = method.strip().toUpperCase(Locale.ROOT);
            if (!METHODS.contains(verb)) {
                throw new MalformedMessageException("'method' must be one of " + String.join(", ", METHODS));
            }
            Map<String, String> headers = strings(json.getJsonObject("headers"));
            if (headers.size() > MAX_HEADERS || headers.entrySet().stream().anyMatch(header ->
                    header.getKey().length() + header.getValue().length() > MAX_HEADER_CHARS)) {
                throw new MalformedMessageException("'headers' may hold at most " + MAX_HEADERS + " headers of at most "
                        + MAX_HEADER_CHARS + " characters each");
            }
            return new RequestHead(endpoint, verb, query(json.getJsonObject("query_params")), headers,
                    Bodies.get(json), json.getBoolean("more", false), json.getBoolean(ACCEPT_CHUNKS, false));
        } catch (ClassCastException e) {
            throw new MalformedMessageException(REQUEST_TYPES);
        }
    }

    public static ResponseHead responseHead(JsonObject json) {
        try {
            Integer status = json.getInteger("status_code");
            if (status == null) {
                throw new MalformedMessageException("An answer needs 'status_code'");
            }
            return new ResponseHead(status, strings(json.getJsonObject("headers")), Bodies.get(json),
                    json.getBoolean("more", false));
        } catch (ClassCastException e) {
            throw new MalformedMessageException("A field has the wrong type: 'status_code' is a whole number, "
                    + "'headers' an object of strings, 'body' a string or null, 'more' true or false");
        }
    }

    public static Part part(JsonObject json) {
        try {
            return new Part(json.getInteger("chunk"), Bodies.get(json), json.getBoolean("more", false));
        } catch (ClassCastException e) {
            throw new MalformedMessageException("A field has the wrong type: 'chunk' is a whole number, 'body' a "
                    + "string, 'more' true or false");
        }
    }

    public static Buffer request(RequestHead head, String contentType) {
        JsonObject json = new JsonObject().put("endpoint", head.endpoint()).put("method", head.method());
        JsonObject query = new JsonObject();
        head.query().forEach((name, values) ->
                query.put(name, values.size() == 1 ? values.get(0) : new JsonArray(values)));
        json.put("query_params", query.isEmpty() ? null : query);
        json.put("headers", new JsonObject(new LinkedHashMap<>(head.headers())));
        Bodies.put(json, head.body(), contentType);
        if (head.acceptsChunks()) {
            json.put(ACCEPT_CHUNKS, true);
        }
        return chunked(json, 0, head.more()).toBuffer();
    }

    public static Buffer response(ResponseHead head, String contentType) {
        JsonObject json = new JsonObject().put("status_code", head.status())
                .put("headers", new JsonObject(new LinkedHashMap<>(head.headers())));
        Bodies.put(json, head.body(), contentType);
        return chunked(json, 0, head.more()).toBuffer();
    }

    /** The gateway's error shape, {@code {error, message, details}}, for answers the broker itself gives. */
    public static Buffer errorBody(String error, String message) {
        return new JsonObject().put("error", error).put("message", message).put("details", new JsonObject()).toBuffer();
    }

    /** A whole answer carrying {@link #errorBody}. */
    public static Buffer errorResponse(int status, String error, String message) {
        return response(new ResponseHead(status, Map.of("Content-Type", "application/json"), errorBody(error, message),
                false), "application/json");
    }

    public static Buffer part(Part part, String contentType) {
        JsonObject json = new JsonObject();
        Bodies.put(json, part.body(), contentType);
        return chunked(json, part.chunk(), part.more()).toBuffer();
    }

    /** Chunk fields only where there is more than one message, so single messages stay MarketPlace's. */
    private static JsonObject chunked(JsonObject json, int chunk, boolean more) {
        if (chunk > 0 || more) {
            json.put("chunk", chunk).put("more", more);
        }
        return json;
    }

    /** MarketPlace sends {@code query_params} values as strings; a list gives a repeated parameter. */
    private static Map<String, List<String>> query(JsonObject params) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (params != null) {
            params.forEach(entry -> {
                List<String> values = query.computeIfAbsent(entry.getKey(), name -> new ArrayList<>());
                if (entry.getValue() instanceof JsonArray array) {
                    array.forEach(value -> values.add(String.valueOf(value)));
                } else if (entry.getValue() != null) {
                    values.add(String.valueOf(entry.getValue()));
                }
            });
        }
        return query;
    }

    private static Map<String, String> strings(JsonObject object) {
        Map<String, String> map = new LinkedHashMap<>();
        if (object != null) {
            object.forEach(entry -> {
                if (entry.getValue() != null) {
                    map.put(entry.getKey(), String.valueOf(entry.getValue()));
                }
            });
        }
        return map;
    }
}
