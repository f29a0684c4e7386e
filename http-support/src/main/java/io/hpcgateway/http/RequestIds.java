package io.hpcgateway.http;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request an id, answered in {@code X-Request-Id} and put on every log line written
 * while the request is handled (the MDC key {@code requestId}, kept on the request's own Vert.x
 * context, so it follows the request onto worker threads and never leaks into another's lines).
 * A caller's own id (a client's, a proxy's) is kept when it is a plain token, so the caller can
 * name the request it means; anything else is replaced, so no caller can write arbitrary text into
 * the logs.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void install(@Observes Router router) {
        router.route().order(TransportSecurity.ORDER - 1).handler(context -> {
            String id = accepted(context.request().getHeader(HEADER));
            MDC.put(MDC_KEY, id);
            context.response().putHeader(HEADER, id);
            context.next();
        });
    }

    /** The caller's id when it is a plain token of at most 64 characters, else a fresh one. */
    static String accepted(String offered) {
        return offered != null && ACCEPTED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
