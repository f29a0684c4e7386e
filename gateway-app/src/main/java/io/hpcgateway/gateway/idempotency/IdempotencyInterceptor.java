package io.hpcgateway.gateway.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.gateway.identity.Users;
import io.hpcgateway.gateway.platform.ApiException;
import io.hpcgateway.gateway.platform.Echo;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} rule (IETF httpapi draft) for {@link Idempotent} routes: the first
 * request with a key runs and its answer is stored; the same key from the same user with the same
 * request gets that answer again (status and body, header {@code Idempotent-Replayed: true}); with
 * a different request, 422; while the first still runs, 409 with {@code Retry-After}. Answers of
 * 5xx and 429 are not stored: they invite the retry. Without the header nothing changes.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class IdempotencyInterceptor {

    public static final String HEADER = "Idempotency-Key";
    /** The draft's key is a structured-field string; a bare token is accepted the same. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final int IN_PROGRESS_RETRY_SECONDS = 1;
    private static final int ATTEMPTS = 3;

    @Inject
    HttpHeaders headers;
    @Inject
    SecurityIdentity identity;
    @Inject
    Users users;
    @Inject
    IdempotencyKeys keys;
    @Inject
    IdempotentRequest request;
    @Inject
    ObjectMapper json;

    @AroundInvoke
    Object around(InvocationContext invocation) throws Exception {
        String header = headers.getHeaderString(HEADER);
        if (header == null) {
            return invocation.proceed();
        }
        String key = key(header);
        String id = RequestFingerprint.sha256Hex(users.current(identity).subject + "\n" + key);
        RequestFingerprint fingerprint = RequestFingerprint.of(invocation, json);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<IdempotencyRecord> claimed = keys.claim(id, fingerprint.value());
            if (claimed.isPresent()) {
                return run(invocation, claimed.get(), fingerprint, false);
            }
            Optional<IdempotencyRecord> existing = keys.find(id);
            if (existing.isEmpty()) {
                continue; // released by its failed first try a moment ago: claim again
            }
            IdempotencyRecord record = existing.get();
            if (record.expiresAt.isBefore(Instant.now())) {
                keys.discardExpired(record);
                continue;
            }
            if (!record.fingerprint.equals(fingerprint.value())) {
                throw reused(key);
            }
            if (record.done) {
                return replay(invocation, record, fingerprint, key);
            }
            if (record.leaseUntil.isBefore(Instant.now())) {
                Optional<IdempotencyRecord> taken = keys.takeOver(record);
                if (taken.isPresent()) {
                    return run(invocation, taken.get(), fingerprint, true);
                }
                continue;
            }
            break;
        }
        throw new ApiException(409, "idempotency_in_progress", "The first request with Idempotency-Key '"
                + Echo.of(key) + "' is still running; retry after " + IN_PROGRESS_RETRY_SECONDS
                + " s to get its answer", Map.of("header", HEADER, "retryAfterSeconds", IN_PROGRESS_RETRY_SECONDS));
    }

    /** Runs the route under the claim; {@code resumed} when an earlier try of it may have made its effect. */
    private Object run(InvocationContext invocation, IdempotencyRecord record, RequestFingerprint fingerprint,
                       boolean resumed) throws Exception {
        request.begin(new IdempotentRequest.Effect(record.effectKey, resumed));
        Object result;
        try {
            result = invocation.proceed();
        } catch (Exception e) {
            letGo(record);
            throw e;
        }
        Response response = result instanceof Response r ? r : null;
        int status = response == null ? 200 : response.getStatus();
        if (status >= 500 || status == 429) {
            letGo(record);
            return result;
        }
        Object entity = response == null ? result : response.getEntity();
        keys.complete(record, fingerprint.bodyDigest(), status, entity == null ? null : json.writeValueAsString(entity),
                response == null || response.getLocation() == null ? null : response.getLocation().toString());
        return result;
    }

    /** A failed first try frees the key, unless its effect may exist: then the next try takes over at once. */
    private void letGo(IdempotencyRecord record) {
        if (request.effectKeyUsed()) {
            keys.reopen(record);
        } else {
            keys.release(record);
        }
    }

    private Object replay(InvocationContext invocation, IdempotencyRecord record, RequestFingerprint fingerprint,
                          String key) throws JsonProcessingException {
        String bodyDigest = fingerprint.bodyDigest();
        if (bodyDigest != null && !bodyDigest.equals(record.bodyDigest)) {
            throw reused(key);
        }
        request.markReplayed();
        if (invocation.getMethod().getReturnType() != Response.class) {
            return json.readValue(record.body, json.constructType(invocation.getMethod().getGenericReturnType()));
        }
        Response.ResponseBuilder answer = Response.status(record.status);
        if (record.body != null) {
            answer.entity(record.body).type(MediaType.APPLICATION_JSON_TYPE);
        }
        if (record.location != null) {
            answer.header(HttpHeaders.LOCATION, record.location);
        }
        return answer.build();
    }

    private static String key(String header) {
        String key = header.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiException.badRequest(HEADER, "'" + HEADER + "' must be 1 to 255 visible ASCII characters "
                    + "(a UUID, say), not '" + Echo.of(header) + "'");
        }
        return key;
    }

    private static ApiException reused(String key) {
        return new ApiException(422, "idempotency_key_reused", "Idempotency-Key '" + Echo.of(key) + "' was first "
                + "used with a different request; send a new key with a new request", Map.of("header", HEADER));
    }
}
