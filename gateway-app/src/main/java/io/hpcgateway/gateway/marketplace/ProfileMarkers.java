package io.hpcgateway.gateway.marketplace;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.hpcgateway.gateway.legacy.LegacyRegistration;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;

/** Drops the registration profiles (build instructions) from the published documents. */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = 0)
public class ProfileMarkers implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        operation.removeExtension(MarketplaceDocument.PROFILE);
        operation.removeExtension(LegacyRegistration.PROFILE);
        return operation;
    }
}
