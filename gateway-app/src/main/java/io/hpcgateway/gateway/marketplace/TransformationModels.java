package io.hpcgateway.gateway.marketplace;

import io.hpcgateway.gateway.job.GatewayJob;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and answer bodies of the transformation routes, named as in the standard app API. */
public final class TransformationModels {

    private TransformationModels() {}

    @Schema(name = "NewTransformationModel")
    public record NewTransformation(
            @Schema(required = true, implementation = TransformationParameters.class) Map<String, Object> parameters,
            @Schema(description = "CREATED (default) or RUNNING to launch at once", enumeration = {"CREATED", "RUNNING"})
            String state) {}

    @Schema(name = "TransformationCreateResponse")
    public record Created(@Schema(format = "uuid") String id) {}

    @Schema(name = "TransformationModel")
    public record Transformation(@Schema(format = "uuid") String id,
                                 @Schema(type = SchemaType.OBJECT) Map<String, Object> parameters,
                                 TransformationState state) {
        static Transformation of(GatewayJob job) {
            return new Transformation(job.id, job.parameters == null ? Map.of() : job.parameters,
                    TransformationState.of(job));
        }
    }

    @Schema(name = "TransformationListResponse")
    public record Page(List<Transformation> items) {}

    @Schema(name = "TransformationUpdateModel")
    public record Update(@Schema(required = true, enumeration = {"RUNNING", "STOPPED"}) String state) {}

    @Schema(name = "TransformationUpdateResponse")
    public record Updated(@Schema(format = "uuid") String id, TransformationState state) {}

    @Schema(name = "TransformationStateResponse")
    public record State(@Schema(format = "uuid") String id, TransformationState state) {}
}
