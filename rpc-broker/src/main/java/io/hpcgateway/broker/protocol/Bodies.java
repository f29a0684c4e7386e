package io.hpcgateway.broker.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * How a body travels in a message's {@code body} field. Text (a textual media type, valid UTF-8)
 * stays a plain string, byte-compatible with the MarketPlace models; anything else is base64 with
 * {@code "body_encoding": "base64"}, which the original relay could not carry at all.
 */
public final class Bodies {

    static final String ENCODING = "body_encoding";
    static final String BASE64 = "base64";

    private Bodies() {}

    static void put(JsonObject json, Buffer body, String contentType) {
        if (body == null || body.length() == 0) {
            json.putNull("body");
            return;
        }
        byte[] bytes = body.getBytes();
        String text = textual(contentType) ? utf8(bytes) : null;
        if (text != null) {
            json.put("body", text);
        } else {
            json.put("body", Base64.getEncoder().encodeToString(bytes));
            json.put(ENCODING, BASE64);
        }
    }

    static Buffer get(JsonObject json) {
        Object body = json.getValue("body");
        if (body == null) {
            return Buffer.buffer();
        }
        if (!(body instanceof String text)) {
            throw new MalformedMessageException("'body' must be a string or null");
        }
        if (BASE64.equals(json.getString(ENCODING))) {
            try {
                return Buffer.buffer(Base64.getDecoder().decode(text));
            } catch (IllegalArgumentException e) {
                throw new MalformedMessageException("'body' is not valid base64");
            }
        }
        return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A media type whose body is text; without one, a body is sent as text only if it is valid UTF-8. */
    static boolean textual(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.startsWith("application/x-www-form-urlencoded") || type.contains("javascript");
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
