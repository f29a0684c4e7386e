package io.hpcgateway.gateway.marketplace;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.info.Info;

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
        Config config = ConfigProvider.getConfig();
        String name = config.getValue("gateway.marketplace.application-name", String.class);
        openApi.setServers(List.of(OASFactory.createServer()
                .url(config.getValue("gateway.marketplace.server-url", String.class))));
        Info info = openApi.getInfo() == null ? OASFactory.createInfo() : openApi.getInfo();
        info.setTitle(name);
        info.addExtension("x-application-name", name);
        info.addExtension("x-api-version", config.getValue("gateway.marketplace.api-version", String.class));
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("name", name);
        product.put("product-id", config.getOptionalValue("gateway.marketplace.product-id", String.class).orElse(""));
        info.addExtension("x-products", List.of(product));
        openApi.setInfo(info);
        ReferencedSchemas.prune(openApi);
    }
}
