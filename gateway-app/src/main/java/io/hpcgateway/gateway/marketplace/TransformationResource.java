package io.hpcgateway.gateway.marketplace;

import io.hpcgateway.gateway.idempotency.Idempotent;
import io.hpcgateway.gateway.platform.QueryParams;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.hpcgateway.gateway.identity.Users;
import io.hpcgateway.gateway.job.JobService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** MarketPlace standard app API: a transformation is a gateway job. */
@Path("/transformations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Transformation", description = "MarketPlace standard app API: jobs as transformations")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "503", description = "The cluster does not answer; retry after Retry-After seconds")
public class TransformationResource {

    private final Transformations transformations;
    private final JobService jobs;
    private final Users users;
    private final SecurityIdentity identity;

    TransformationResource(Transformations transformations, JobService jobs, Users users, SecurityIdentity identity) {
        this.transformations = transformations;
        this.jobs = jobs;
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "getTransformationList", summary = "The caller's transformations, newest first",
            extensions = @Extension(name = MarketplaceDocument.PROFILE, value = ""))
    public TransformationModels.Page list(@Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String limit,
                                          @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String offset) {
        return new TransformationModels.Page(jobs.range(users.current(identity), QueryParams.offset(offset),
                QueryParams.limit(limit, 100, 500)).stream().map(TransformationModels.Transformation::of).toList());
    }

    @Idempotent
    @Extension(name = Idempotent.EXTENSION, value = "true")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "newTransformation", summary = "Create a transformation (a job); state RUNNING launches it",
            extensions = @Extension(name = MarketplaceDocument.PROFILE, value = ""))
    @APIResponse(responseCode = "200", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid parameters; details.field names the parameter")
    @APIResponse(responseCode = "422", description = "Created, but the scheduler refused it; details.id names it")
    public TransformationModels.Created create(TransformationModels.NewTransformation body) {
        return new TransformationModels.Created(transformations.create(users.current(identity), body).id);
    }

    @GET
    @Path("/{transformation_id}")
    @Operation(operationId = "getTransformation", summary = "One transformation: its parameters and state",
            extensions = @Extension(name = MarketplaceDocument.PROFILE, value = ""))
    @APIResponse(responseCode = "404", description = "No such transformation of the caller's")
    public TransformationModels.Transformation get(@RestPath("transformation_id") String id) {
        return TransformationModels.Transformation.of(jobs.owned(users.current(identity), id));
    }

    @PATCH
    @Path("/{transformation_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateTransformation", summary = "RUNNING launches a created transformation, "
            + "STOPPED cancels a running one",
            extensions = @Extension(name = MarketplaceDocument.PROFILE, value = ""))
    @APIResponse(responseCode = "200", description = "The state is (or is becoming) the requested one")
    @APIResponse(responseCode = "404", description = "No such transformation of the caller's")
    @APIResponse(responseCode = "409", description = "That change is not possible from the current state")
    public TransformationModels.Updated update(@RestPath("transformation_id") String id, TransformationModels.Update update) {
        return new TransformationModels.Updated(id, transformations.update(users.current(identity), id, update));
    }

    @DELETE
    @Path("/{transformation_id}")
    @Operation(operationId = "deleteTransformation", summary = "Cancel it if running, remove its folder, forget it",
            extensions = @Extension(name = MarketplaceDocument.PROFILE, value = ""))
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such transformation of the caller's")
    public Response delete(@RestPath("transformation_id") String id) {
        jobs.delete(users.current(identity), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{transformation_id}/state")
    @Operation(operationId = "getTransformationState", summary = "The state of one transformation",
            extensions = @Extension(name = MarketplaceDocument.PROFILE, value = ""))
    @APIResponse(responseCode = "404", description = "No such transformation of the caller's")
    public TransformationModels.State state(@RestPath("transformation_id") String id) {
        return new TransformationModels.State(id, TransformationState.of(jobs.owned(users.current(identity), id)));
    }
}
