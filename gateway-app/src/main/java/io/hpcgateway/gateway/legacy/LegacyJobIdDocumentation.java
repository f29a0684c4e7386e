package io.hpcgateway.gateway.legacy;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/** Publishes the {@code ?jobid=} alternative that {@link LegacyJobIdParameter} accepts on every legacy job route. */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class LegacyJobIdDocumentation implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        openApi.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/v1/") && path.endsWith("/" + LegacyJobIdParameter.PLACEHOLDER)) {
                item.getOperations().values().forEach(operation -> operation.addParameter(OASFactory.createParameter()
                        .name("jobid").in(Parameter.In.QUERY).required(false)
                        .description("The job id instead of the path segment, as the MarketPlace SDK sends it "
                                + "(the path may then hold the literal {jobid})")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
            }
        });
    }
}
