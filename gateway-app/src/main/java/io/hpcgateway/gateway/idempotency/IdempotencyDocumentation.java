package io.hpcgateway.gateway.idempotency;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Publishes the {@code Idempotency-Key} header and its two answers on every {@link Idempotent}
 * operation. Its own priority keeps the parameters in one order from build to build.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = 10)
public class IdempotencyDocumentation implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getExtensions() == null || !operation.getExtensions().containsKey(Idempotent.EXTENSION)) {
            return operation;
        }
        operation.addParameter(OASFactory.createParameter().name(IdempotencyInterceptor.HEADER).in(Parameter.In.HEADER)
                .required(false).description("A key of the caller's choosing (a UUID, say; 1 to 255 visible ASCII "
                        + "characters) that makes a retry safe: the same key with the same request gets the first "
                        + "answer again (with Idempotent-Replayed: true) for 24 h, without repeating its effect")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(255)));
        describe(operation, "409", "The first request with this Idempotency-Key is still running; retry after Retry-After");
        describe(operation, "422", "The Idempotency-Key was first used with a different request");
        return operation;
    }

    /** Adds the answer, or its reason to the route's own answer of that status. */
    private static void describe(Operation operation, String status, String reason) {
        APIResponse existing = operation.getResponses().getAPIResponse(status);
        if (existing == null) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(reason));
        } else {
            existing.setDescription(existing.getDescription() == null ? reason : existing.getDescription() + "; or: "
                    + reason);
        }
    }
}
