package io.hpcgateway.frontend.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The error body for answers the HTTP layer gives before any resource runs (a request target it
 * cannot route, a body over {@code max-direct-transfer-size}): the same shape as every other
 * error. Lines and headers beyond the decoder's limits (414, 431) are answered by the HTTP decoder
 * itself, before this layer, without a body.
 */
@ApplicationScoped
public class HttpLayerErrors {

    private final ObjectMapper json;

    HttpLayerErrors(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        for (int status : new int[] {400, 404, 405, 413, 414, 415, 431}) {
            router.errorHandler(status, context -> answer(context, status));
        }
    }

    private void answer(RoutingContext context, int status) {
        if (context.response().ended() || context.response().headWritten()) {
            return;
        }
        try {
            context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(json.writeValueAsString(ErrorResponses.body(status, null)));
        } catch (JsonProcessingException e) {
            context.response().setStatusCode(status).end();
        }
    }
}
