package io.hpcgateway.http;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends {@code Strict-Transport-Security} on every answer given over TLS, so a browser that once
 * reached the service over HTTPS never tries plain HTTP again. Never over plain HTTP: there a
 * man in the middle could strip or forge it, and RFC 6797 tells browsers to ignore it.
 *
 * <p>Which port serves what is Quarkus's own configuration: a PEM certificate and key through the
 * TLS registry ({@code quarkus.tls.key-store.pem.0.cert}, {@code .key}) turn HTTPS on, and
 * {@code quarkus.http.insecure-requests} (here {@code redirect} by default) says what plain HTTP does.
 */
@ApplicationScoped
public class TransportSecurity {

    /** Runs before every other handler, so refusals and errors carry the header too. */
    static final int ORDER = -10_000;

    private final String policy;

    TransportSecurity(@ConfigProperty(name = "hpcgw.http.hsts", defaultValue = "max-age=31536000") String policy) {
        this.policy = policy;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(context -> {
            if (context.request().isSSL()) {
                context.response().putHeader("Strict-Transport-Security", policy);
            }
            context.next();
        });
    }
}
