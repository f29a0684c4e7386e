package io.hpcgateway.frontend.compute;

import io.hpcgateway.frontend.auth.Caller;
import io.hpcgateway.frontend.platform.OpenApiDefinition;
import io.hpcgateway.frontend.platform.Systems;
import io.hpcgateway.frontend.scheduler.JobMetadata;
import io.hpcgateway.frontend.scheduler.JobModel;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** FirecREST v2 {@code /compute/{system}/jobs}: submit, list, inspect and cancel batch jobs. */
@Path("/compute/{system}/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "compute")
@SecurityRequirement(name = OpenApiDefinition.BEARER)
@APIResponse(responseCode = "401", description = "Missing, invalid, expired or nearly expired token")
@APIResponse(responseCode = "503", description = "The scheduler does not answer")
public class ComputeResource {

    public record SubmitResponse(long jobId) {}

    /** Request body of {@code attach}: a command line, run inside the job. */
    public record AttachRequest(String command) {}

    public record Jobs<T>(List<T> jobs) {}

    private final ComputeService compute;
    private final Caller caller;
    private final Systems systems;

    ComputeResource(ComputeService compute, Caller caller, Systems systems) {
        this.compute = compute;
        this.caller = caller;
        this.systems = systems;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "submitJob", summary = "Submit a batch job (sbatch)")
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "Submitted; the body holds the job id",
            content = @Content(schema = @Schema(implementation = SubmitResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid description, or refused by the scheduler")
    @APIResponse(responseCode = "403", description = "A path leaves the caller's directories")
    public SubmitResponse submit(@RestPath String system, SubmitRequest request) {
        systems.require(system);
        return new SubmitResponse(compute.submit(caller.user(), request));
    }

    @GET
    @APIResponse(responseCode = "200", description = "The jobs")
    @Operation(operationId = "listJobs", summary = "The caller's jobs: live ones and those active in the time window")
    @APIResponse(responseCode = "403", description = "'allusers' without the gateway's service token")
    public Jobs<JobModel> list(@RestPath String system, @RestQuery boolean allusers, @RestQuery String account,
                               @RestQuery String name,
                               @RestQuery("time_window") String timeWindow) {
        systems.require(system);
        return new Jobs<>(compute.list(caller.runAs(), allusers, account, name, timeWindow));
    }

    @GET
    @Path("/{jobId}")
    @APIResponse(responseCode = "200", description = "The job, as a list of one")
    @Operation(operationId = "getJob", summary = "One job, live or from accounting",
            description = "The caller's own job; with the gateway's service token, any user's.")
    @APIResponse(responseCode = "404", description = "Job not found (or not the caller's)")
    public Jobs<JobModel> get(@RestPath String system, @RestPath long jobId) {
        systems.require(system);
        return new Jobs<>(List.of(compute.get(caller.runAs(), jobId)));
    }

    @GET
    @Path("/{jobId}/metadata")
    @APIResponse(responseCode = "200", description = "The job's metadata, as a list of one")
    @Operation(operationId = "getJobMetadata", summary = "The script and standard stream paths a job was submitted with")
    @APIResponse(responseCode = "404", description = "Job not found (or not the caller's)")
    public Jobs<JobMetadata> metadata(@RestPath String system, @RestPath long jobId) {
        systems.require(system);
        return new Jobs<>(List.of(compute.metadata(caller.user(), jobId)));
    }

    @PUT
    @Path("/{jobId}/attach")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "attachToJob", summary = "Run a command inside a running job (srun --jobid --overlap)",
            description = "As the caller, in the job's allocation, waiting for the command (at most frontend.attach-timeout).")
    @APIResponse(responseCode = "204", description = "The command ran and exited 0")
    @APIResponse(responseCode = "404", description = "Job not found (or not the caller's)")
    @APIResponse(responseCode = "409", description = "The job is not running")
    @APIResponse(responseCode = "422", description = "The command failed; the message holds its exit code and error")
    public Response attach(@RestPath String system, @RestPath long jobId, AttachRequest request) {
        systems.require(system);
        compute.attach(caller.user(), jobId, request == null ? null : request.command());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{jobId}")
    @Operation(operationId = "cancelJob", summary = "Cancel a job (scancel); a finished job is left as it is",
            description = "The caller's own job; with the gateway's service token, any user's (run as its owner).")
    @APIResponse(responseCode = "204", description = "Cancelled, or already finished")
    @APIResponse(responseCode = "404", description = "Job not found (or not the caller's)")
    public Response cancel(@RestPath String system, @RestPath long jobId) {
        systems.require(system);
        compute.cancel(caller.runAs(), jobId);
        return Response.noContent().build();
    }
}
