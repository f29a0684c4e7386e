package io.hpcgateway.gateway.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.gateway.platform.CanonicalJson;
import jakarta.interceptor.InvocationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a request said, as a SHA-256: the route and each of its parameters (JSON values in
 * canonical form, so key order does not matter). A streamed body is digested as the route reads
 * it, never held: its digest is known once the route has read it, or once a repeat is drained.
 */
final class RequestFingerprint {

    private final String value;
    private final DigestingStream stream;

    private RequestFingerprint(String value, DigestingStream stream) {
        this.value = value;
        this.stream = stream;
    }

    /** Digests the invocation's parameters; a stream parameter is replaced by one that digests what it passes. */
    static RequestFingerprint of(InvocationContext invocation, ObjectMapper json) {
        MessageDigest digest = sha256();
        add(digest, invocation.getMethod().getDeclaringClass().getName() + "#" + invocation.getMethod().getName());
        Object[] parameters = invocation.getParameters();
        DigestingStream stream = null;
        for (int i = 0; i < parameters.length; i++) {
            Object parameter = parameters[i];
            if (parameter instanceof InputStream body) {
                stream = new DigestingStream(body);
                parameters[i] = stream;
                add(digest, "<stream>");
            } else if (parameter instanceof Fingerprinted content) {
                content.digestInto(digest);
            } else {
                add(digest, canonical(parameter, json));
            }
        }
        invocation.setParameters(parameters);
        return new RequestFingerprint(HexFormat.of().formatHex(digest.digest()), stream);
    }

    String value() {
        return value;
    }

    /** The streamed body's digest, reading what the route left unread; null when there is no stream. */
    String bodyDigest() {
        return stream == null ? null : stream.digest();
    }

    /**
     * Digests what passes. A route closes its body once it has read it all (a route that failed
     * half way stores no answer); one that left bytes unread has them read here for the digest.
     */
    private static final class DigestingStream extends DigestInputStream {
        private boolean closed;

        DigestingStream(InputStream body) {
            super(body, sha256());
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }

        String digest() {
            try {
                if (!closed) {
                    transferTo(OutputStream.nullOutputStream());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return HexFormat.of().formatHex(getMessageDigest().digest());
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String canonical(Object parameter, ObjectMapper json) {
        try {
            return CanonicalJson.of(json.valueToTree(parameter));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("An idempotent route's parameter is not JSON: " + parameter.getClass(), e);
        }
    }

    /** Length-prefixed, so that no two parameter lists digest alike. */
    private static void add(MessageDigest digest, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
