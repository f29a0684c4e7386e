package io.hpcgateway.gateway.marketplace;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;

/** Drops {@link MarketplaceDocument#PROFILE}, a build instruction, from the published documents. */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = 0)
public class ProfileMarkers implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        operation.removeExtension(MarketplaceDocument.PROFILE);
        return operation;
    }
}
