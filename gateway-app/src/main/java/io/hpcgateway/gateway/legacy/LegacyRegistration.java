package io.hpcgateway.gateway.legacy;

import io.hpcgateway.gateway.marketplace.Registration;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * The legacy-v1 MarketPlace registration ({@code /q/openapi-marketplace-v1}), as the original
 * hpc-gateway-app registered itself ({@code openAPI-*-v2.yml}): its v1 routes under the standard
 * capability names its SDK ({@code hpc_gateway_sdk}) calls through the MarketPlace proxy, and the
 * {@code x-api-version} that SDK insists on. A deployment registers this one for the original SDK
 * and {@code /q/openapi-marketplace} for standard app API clients.
 */
@OpenApiFilter(stages = {OpenApiFilter.RunStage.BUILD, OpenApiFilter.RunStage.RUNTIME_STARTUP},
        documentNames = "marketplace-v1")
public class LegacyRegistration implements OASFilter {

    /** Marks an operation as part of the legacy-v1 registration document. */
    public static final String PROFILE = "x-smallrye-profile-marketplace-v1";
    /** {@code hpc_gateway_sdk.get_app} asserts the application's api_version is exactly this. */
    static final String API_VERSION = "0.3.0";

    /** The capability each v1 route stood for in the original's registration. */
    private static final Map<String, String> CAPABILITIES = Map.of(
            "legacyHeartbeat", "heartbeat",
            "legacyCreateUser", "createOrUpdateCollection",
            "legacyCreateJob", "newTransformation",
            "legacyLaunchJob", "updateTransformation",
            "legacyJobState", "getTransformationState",
            "legacyCancelJob", "deleteTransformation",
            "legacyDownloadFile", "getDataset",
            "legacyUploadFile", "createDataset",
            "legacyDeleteFile", "deleteDataset");

    @Override
    public Operation filterOperation(Operation operation) {
        String capability = CAPABILITIES.get(operation.getOperationId());
        if (capability != null) {
            operation.setOperationId(capability);
        }
        return operation;
    }

    /** Only the v1 routes: the static part of the documents (META-INF/openapi.yaml) is merged into each of them. */
    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        List.copyOf(openApi.getPaths().getPathItems().keySet()).stream()
                .filter(path -> !path.startsWith("/api/v1/") && !path.equals("/heartbeat"))
                .forEach(openApi.getPaths()::removePathItem);
        Registration.describe(openApi, API_VERSION);
    }
}
