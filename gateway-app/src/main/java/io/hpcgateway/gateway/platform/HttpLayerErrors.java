package io.hpcgateway.gateway.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The error shape for answers the HTTP layer gives before any resource runs: a request target it
 * cannot parse (a raw '\' or '[' in the path), a body over the size limit, or a path with '.' or
 * '..' segments, which the router would otherwise resolve before routing (so that
 * {@code DELETE /api/v2/jobs/{id}/files/..} became {@code DELETE /api/v2/jobs/{id}}). No route of
 * the gateway has such a segment, so they are refused outright. Lines and headers over the
 * decoder's limits (414, 431) are answered by the HTTP decoder before this layer exists, without a
 * body (README, "Security").
 */
@ApplicationScoped
public class HttpLayerErrors {

    private final ObjectMapper json;

    HttpLayerErrors(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseDotSegments);
        for (int status : new int[] {400, 404, 405, 413, 414, 415, 431}) {
            router.errorHandler(status, context -> answer(context, status, ErrorResponses.framework(status)));
        }
    }

    private void refuseDotSegments(RoutingContext context) {
        String path = context.request().path();
        if (path != null && hasDotSegment(path)) {
            answer(context, 400, new ErrorResponses.ErrorBody("invalid_path", "Paths may not contain '.' or '..' "
                    + "segments (plain or percent-encoded): name the file or resource itself.", Map.of()));
            return;
        }
        context.next();
    }

    static boolean hasDotSegment(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            String decoded;
            try {
                decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                continue; // a malformed escape is the router's 400, not a dot segment
            }
            if (decoded.equals(".") || decoded.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private void answer(RoutingContext context, int status, ErrorResponses.ErrorBody body) {
        if (context.response().ended() || context.response().headWritten()) {
            return;
        }
        try {
            // Set here too: a refusal before routing comes before the configured headers are added.
            context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader("X-Content-Type-Options", "nosniff").putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            context.response().setStatusCode(status).end();
        }
    }
}
