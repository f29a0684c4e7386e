package io.hpcgateway.gateway.marketplace;

import io.hpcgateway.gateway.platform.ErrorResponses;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * The standard app API is FastAPI's: a request it cannot accept is 422 with
 * {@code detail: [{loc, msg, type}]}. On its routes the gateway's 400 becomes that 422, with the
 * {@code detail} beside the gateway's own {@code {error, message, details}}, so a MarketPlace
 * client and one of ours both read it.
 */
public class ValidationErrors {

    private static final Set<Class<?>> STANDARD_ROUTES = Set.of(TransformationResource.class, DataResource.class,
            SystemResource.class);
    private static final Set<String> QUERY_FIELDS = Set.of("limit", "offset");

    @ServerResponseFilter
    public void asFastApi(ContainerResponseContext response, SimpleResourceInfo resource) {
        if (response.getStatus() != 400 || resource == null || resource.getResourceClass() == null
                || !STANDARD_ROUTES.contains(resource.getResourceClass())
                || !(response.getEntity() instanceof ErrorResponses.ErrorBody error)) {
            return;
        }
        Object field = error.details().getOrDefault("field", "body");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.error());
        body.put("message", error.message());
        body.put("details", error.details());
        List<Object> location = "body".equals(field) ? List.of("body")
                : List.of(QUERY_FIELDS.contains(field) ? "query" : "body", field);
        body.put("detail", List.of(Map.of("loc", location, "msg", error.message(), "type", "value_error")));
        response.setStatus(422);
        response.setEntity(body);
    }
}
