package io.hpcgateway.gateway.job;

import io.hpcgateway.gateway.idempotency.Idempotent;
import io.hpcgateway.gateway.platform.QueryParams;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.hpcgateway.gateway.identity.UserAccount;
import io.hpcgateway.gateway.identity.Users;
import io.hpcgateway.gateway.webhook.WebhookView;
import io.hpcgateway.gateway.webhook.Webhooks;
import io.hpcgateway.gateway.platform.ApiException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The native jobs API. */
@Path("/api/v2/jobs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "503", description = "The cluster does not answer; retry after Retry-After seconds")
public class JobResource {

    /** How soon a client may look again at a launch being settled. */
    private static final int LAUNCH_POLL_SECONDS = 2;
    /** Beyond this a page number is surely a mistake (and page * size stays far from overflow). */
    private static final int MAX_PAGES = 10_000_000;

    private final JobService jobs;
    private final Webhooks callbacks;
    private final Users users;
    private final SecurityIdentity identity;

    JobResource(JobService jobs, Webhooks callbacks, Users users, SecurityIdentity identity) {
        this.callbacks = callbacks;
        this.jobs = jobs;
        this.users = users;
        this.identity = identity;
    }

    @Idempotent
    @Extension(name = Idempotent.EXTENSION, value = "true")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createJob", summary = "Create a job (state pending) and its folder on the cluster",
            description = "From a script, a command, or a template with parameters. With ?dryRun=true nothing is "
                    + "created: the answer (200) is the rendered script and what it was rendered from.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Dry run: the job's plan")
    @APIResponse(responseCode = "400", description = "Invalid request; details.field names the field")
    @APIResponse(responseCode = "422", description = "The template may not be used, or the cluster cannot run it")
    public Response create(JobRequest request, @RestQuery boolean dryRun) {
        if (dryRun) {
            return Response.ok(jobs.preview(users.current(identity), request)).build();
        }
        UserAccount user = users.current(identity);
        callbacks.checkCallback(request == null ? null : request.callbackUrl());
        GatewayJob job = jobs.create(user, request);
        JobView.Callback callback = null;
        if (request.callbackUrl() != null) {
            WebhookView webhook = callbacks.callback(user.subject, job.id, request.callbackUrl());
            callback = new JobView.Callback(webhook.id(), webhook.url(), webhook.secret());
        }
        return Response.created(URI.create("/api/v2/jobs/" + job.id)).entity(JobView.of(job, true, callback)).build();
    }

    @GET
    @Operation(operationId = "listJobs", summary = "The caller's jobs, newest first, optionally of one state")
    public JobView.Page list(@RestQuery String state,
                             @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String page,
                             @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String size) {
        return jobs.list(users.current(identity), parseState(state), QueryParams.integer("page", page, 0, 0, MAX_PAGES),
                QueryParams.integer("size", size, 50, 1, JobService.MAX_PAGE));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getJob", summary = "One job with its events and scheduler details")
    @APIResponse(responseCode = "404", description = "No such job of the caller's")
    public JobView get(@RestPath String id) {
        return JobView.of(jobs.owned(users.current(identity), id), true);
    }

    @POST
    @Path("/{id}/launch")
    @Operation(operationId = "launchJob", summary = "Submit the job to the scheduler; launching twice submits once")
    @APIResponse(responseCode = "200", description = "Launched (or already launched)",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "202", description = "A launch is still being settled (launching: true): follow "
            + "the job's state; launching again submits nothing", content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "409", description = "The job has finished")
    @APIResponse(responseCode = "422", description = "The scheduler refused the job")
    @APIResponse(responseCode = "503", description = "The cluster does not answer: 'cluster_unavailable' (nothing "
            + "was submitted; retry) or 'launch_outcome_unknown' (the gateway settles it)")
    public Response launch(@RestPath String id) {
        GatewayJob job = jobs.launch(users.current(identity), id);
        JobView view = JobView.of(job, true);
        if (job.state == JobState.PENDING && job.launchClaimedAt != null) {
            return Response.accepted(view).header("Retry-After", LAUNCH_POLL_SECONDS).build();
        }
        return Response.ok(view).build();
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(operationId = "cancelJob", summary = "Cancel the job; its final state follows from the scheduler")
    @APIResponse(responseCode = "202", description = "Cancel requested (or done, for a job not yet launched)")
    @APIResponse(responseCode = "409", description = "The job has finished or is being launched")
    public Response cancel(@RestPath String id) {
        return Response.accepted(JobView.of(jobs.cancel(users.current(identity), id), true)).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteJob", summary = "Cancel the job if active, remove its folder, forget it")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@RestPath String id) {
        jobs.delete(users.current(identity), id);
        return Response.noContent().build();
    }

    private static JobState parseState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return JobState.valueOf(state.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("state", "'state' must be one of " + Arrays.toString(JobState.values()));
        }
    }
}
