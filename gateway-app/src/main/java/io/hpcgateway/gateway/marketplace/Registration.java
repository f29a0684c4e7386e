package io.hpcgateway.gateway.marketplace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.info.Info;

/**
 * What makes an OpenAPI document a MarketPlace registration: {@code servers[0]} (where the
 * MarketPlace sends requests), the title and {@code x-application-name}, the {@code x-api-version}
 * its clients check, {@code x-products}, from {@code gateway.marketplace.*}; and only the schemas
 * its operations use.
 */
public final class Registration {

    private Registration() {}

    public static void describe(OpenAPI openApi, String apiVersion) {
        Config config = ConfigProvider.getConfig();
        String name = config.getValue("gateway.marketplace.application-name", String.class);
        openApi.setServers(List.of(OASFactory.createServer()
                .url(config.getValue("gateway.marketplace.server-url", String.class))));
        Info info = openApi.getInfo() == null ? OASFactory.createInfo() : openApi.getInfo();
        info.setTitle(name);
        info.addExtension("x-application-name", name);
        info.addExtension("x-api-version", apiVersion);
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("name", name);
        product.put("product-id", config.getOptionalValue("gateway.marketplace.product-id", String.class).orElse(""));
        info.addExtension("x-products", List.of(product));
        openApi.setInfo(info);
        ReferencedSchemas.prune(openApi);
    }
}
