package io.hpcgateway.gateway.legacy;

import io.hpcgateway.gateway.idempotency.Idempotent;
import io.hpcgateway.gateway.platform.QueryParams;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.hpcgateway.gateway.files.JobFiles;
import io.hpcgateway.gateway.identity.UserAccount;
import io.hpcgateway.gateway.identity.Users;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobService;
import io.hpcgateway.gateway.marketplace.MarketplaceJobs;
import io.hpcgateway.gateway.marketplace.TransformationParameters;
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
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The original hpc-gateway-app's job routes, on the gateway's job lifecycle. */
@Path("/api/v1/job")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "legacy v1", description = "The original hpc-gateway-app API, kept for its SDK and registrations")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "404", description = "No such job of the caller's")
@APIResponse(responseCode = "503", description = "The cluster does not answer; retry after Retry-After seconds")
public class LegacyJobResource {

    private final JobService jobs;
    private final MarketplaceJobs marketplaceJobs;
    private final JobFiles files;
    private final Users users;
    private final SecurityIdentity identity;

    LegacyJobResource(JobService jobs, MarketplaceJobs marketplaceJobs, JobFiles files, Users users,
                      SecurityIdentity identity) {
        this.jobs = jobs;
        this.marketplaceJobs = marketplaceJobs;
        this.files = files;
        this.users = users;
        this.identity = identity;
    }

    @Idempotent
    @Extension(name = Idempotent.EXTENSION, value = "true")
    @POST
    @Path("/create")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "legacyCreateJob", summary = "Create a job: its folder, and a script running "
            + "executable_cmd in the image (srun with several tasks)",
            extensions = @Extension(name = LegacyRegistration.PROFILE, value = ""))
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = TransformationParameters.class)))
    @APIResponse(responseCode = "200", description = "Created; jobid names it from now on")
    @APIResponse(responseCode = "400", description = "Invalid field; details.field names it")
    public LegacyModels.JobCreated create(Map<String, Object> body) {
        GatewayJob job = marketplaceJobs.create(user(), body);
        return new LegacyModels.JobCreated(job.id, job.state);
    }

    @PATCH
    @Path("/launch/{jobid}")
    @Operation(operationId = "legacyLaunchJob", summary = "Submit the job; launching twice submits once",
            extensions = @Extension(name = LegacyRegistration.PROFILE, value = ""))
    @APIResponse(responseCode = "200", description = "Launched (or already launched)")
    @APIResponse(responseCode = "409", description = "The job has finished")
    @APIResponse(responseCode = "422", description = "The scheduler refused the job")
    public LegacyModels.JobAnswer launch(@RestPath String jobid) {
        GatewayJob job = jobs.launch(user(), jobid);
        return LegacyModels.JobAnswer.of(job, job.schedulerJobId == null
                ? "Job " + jobid + " is being launched; follow its state."
                : "Job " + jobid + " launched as scheduler job " + job.schedulerJobId + ".");
    }

    @GET
    @Path("/state/{jobid}")
    @Operation(operationId = "legacyJobState", summary = "The job's state and the files of its folder",
            extensions = @Extension(name = LegacyRegistration.PROFILE, value = ""))
    public LegacyModels.JobStateAnswer state(@RestPath String jobid) {
        GatewayJob job = jobs.owned(user(), jobid);
        return new LegacyModels.JobStateAnswer(job.id, job.state, job.schedulerState, job.stateReason, job.exitCode,
                files.list(job).stream().map(LegacyModels.FileEntry::of).toList(), LegacyModels.FILES_MESSAGE);
    }

    @DELETE
    @Path("/cancel/{jobid}")
    @Operation(operationId = "legacyCancelJob", summary = "Cancel the job; its final state follows from the scheduler",
            extensions = @Extension(name = LegacyRegistration.PROFILE, value = ""))
    @APIResponse(responseCode = "200", description = "Cancel requested (or done, for a job not yet launched)")
    @APIResponse(responseCode = "409", description = "The job has finished or is being launched")
    public LegacyModels.JobAnswer cancel(@RestPath String jobid) {
        return LegacyModels.JobAnswer.of(jobs.cancel(user(), jobid), "Cancel of job " + jobid + " requested.");
    }

    @GET
    @Path("/")
    @Operation(operationId = "legacyListJobs", summary = "The caller's jobs, newest first")
    public LegacyModels.Jobs list(@Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String limit,
                                  @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String offset) {
        UserAccount user = user();
        Map<String, LegacyModels.JobSummary> listed = new LinkedHashMap<>();
        jobs.range(user, QueryParams.offset(offset), QueryParams.limit(limit, 500, 500))
                .forEach(job -> listed.put(job.id, LegacyModels.JobSummary.of(job)));
        return new LegacyModels.Jobs(listed, jobs.count(user));
    }

    @DELETE
    @Path("/delete/{jobid}")
    @Operation(operationId = "legacyDeleteJob", summary = "Cancel the job if active, remove its folder, forget it")
    @APIResponse(responseCode = "200", description = "Deleted")
    public LegacyModels.Message delete(@RestPath String jobid) {
        jobs.delete(user(), jobid);
        return new LegacyModels.Message("Job " + jobid + " deleted with its folder.");
    }

    private UserAccount user() {
        return users.current(identity);
    }
}
