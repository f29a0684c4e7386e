package io.hpcgateway.gateway.marketplace;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Keeps only the component schemas a document's operations reach (directly or through other
 * schemas). The scan collects every model of the application; a document with a subset of the
 * operations, such as the MarketPlace registration, should not carry the rest.
 */
final class ReferencedSchemas {

    private static final String PREFIX = "#/components/schemas/";

    private ReferencedSchemas() {}

    static void prune(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null
                || openApi.getPaths() == null) {
            return;
        }
        Map<String, Schema> all = openApi.getComponents().getSchemas();
        Set<String> reached = new HashSet<>();
        Deque<Schema> todo = new ArrayDeque<>();
        openApi.getPaths().getPathItems().values().stream()
                .flatMap(item -> item.getOperations().values().stream())
                .flatMap(ReferencedSchemas::schemasOf)
                .forEach(todo::add);
        while (!todo.isEmpty()) {
            Schema schema = todo.pop();
            String ref = schema.getRef();
            if (ref != null && ref.startsWith(PREFIX) && reached.add(ref.substring(PREFIX.length()))
                    && all.get(ref.substring(PREFIX.length())) != null) {
                todo.push(all.get(ref.substring(PREFIX.length())));
            }
            children(schema).forEach(todo::push);
        }
        Map<String, Schema> kept = new LinkedHashMap<>();
        all.forEach((name, schema) -> {
            if (reached.contains(name)) {
                kept.put(name, schema);
            }
        });
        openApi.getComponents().setSchemas(kept);
    }

    private static Stream<Schema> schemasOf(Operation operation) {
        Stream<Schema> parameters = operation.getParameters() == null ? Stream.empty()
                : operation.getParameters().stream().flatMap(p -> Stream.concat(Stream.ofNullable(p.getSchema()),
                        of(p.getContent())));
        Stream<Schema> body = operation.getRequestBody() == null ? Stream.empty()
                : of(operation.getRequestBody().getContent());
        Stream<Schema> responses = operation.getResponses() == null || operation.getResponses().getAPIResponses() == null
                ? Stream.empty()
                : operation.getResponses().getAPIResponses().values().stream().flatMap(r -> of(r.getContent()));
        return Stream.of(parameters, body, responses).flatMap(s -> s);
    }

    private static Stream<Schema> of(Content content) {
        return content == null || content.getMediaTypes() == null ? Stream.empty()
                : content.getMediaTypes().values().stream().map(MediaType::getSchema).filter(Objects::nonNull);
    }

    private static Stream<Schema> children(Schema schema) {
        Stream<Schema> properties = schema.getProperties() == null ? Stream.empty()
                : schema.getProperties().values().stream();
        Stream<Schema> combined = Stream.of(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())
                .filter(Objects::nonNull).flatMap(List::stream);
        return Stream.of(properties, combined, Stream.ofNullable(schema.getItems()),
                        Stream.ofNullable(schema.getAdditionalPropertiesSchema()), Stream.ofNullable(schema.getNot()))
                .flatMap(s -> s).filter(Objects::nonNull);
    }
}
