package io.hpcgateway.gateway.marketplace;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * The MarketPlace registration document ({@code /q/openapi-marketplace}): the operations marked
 * with {@link #PROFILE} and the schemas they use, plus the {@code servers} and {@code x-*} fields
 * the MarketPlace reads, taken from {@code gateway.marketplace.*}. It runs at build, so {@code openapi/} holds the
 * document for the default settings, and again at startup, so a deployment serves its own.
 */
@OpenApiFilter(stages = {OpenApiFilter.RunStage.BUILD, OpenApiFilter.RunStage.RUNTIME_STARTUP}, documentNames = "marketplace")
public class MarketplaceDocument implements OASFilter {

    /** Marks an operation as part of the MarketPlace registration document. */
    public static final String PROFILE = "x-smallrye-profile-marketplace";

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        Registration.describe(openApi, ConfigProvider.getConfig().getValue("gateway.marketplace.api-version",
                String.class));
    }
}
