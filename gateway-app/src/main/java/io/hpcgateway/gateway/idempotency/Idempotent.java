package io.hpcgateway.gateway.idempotency;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route whose effect must not repeat when a client (or the relay, after a crash) sends it
 * again with the same {@code Idempotency-Key}: the first answer is stored and replayed
 * ({@link IdempotencyInterceptor}). The route returns a {@code Response} or a JSON record.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {
    /**
     * The operation extension that publishes the rule ({@code @Extension(name = EXTENSION, value = "true")}
     * beside this annotation); {@link IdempotencyDocumentation} adds the header and answers to it.
     */
    String EXTENSION = "x-idempotent";
}
