package io.hpcgateway.gateway.billing;

import io.hpcgateway.gateway.idempotency.Idempotent;
import io.hpcgateway.gateway.identity.Users;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** A job's charge and its disputes, for the job's owner. */
@Path("/api/v2/jobs/{id}/charges")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "billing")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "404", description = "No such job of the caller's")
public class ChargesResource {

    public record DisputeRequest(String reason) {}

    private final Charges charges;
    private final Disputes disputes;
    private final JobService jobs;
    private final Users users;
    private final SecurityIdentity identity;

    ChargesResource(Charges charges, Disputes disputes, JobService jobs, Users users, SecurityIdentity identity) {
        this.charges = charges;
        this.disputes = disputes;
        this.jobs = jobs;
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "getJobCharges", summary = "The job's itemised charge: final once accounted, an estimate before")
    public ChargeView get(@RestPath String id) {
        return charges.view(job(id));
    }

    @Idempotent
    @Extension(name = Idempotent.EXTENSION, value = "true")
    @POST
    @Path("/disputes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "disputeJobCharge", summary = "Flag the job's final charge as disputed, saying why")
    @APIResponse(responseCode = "201", description = "Flagged; an admin resolves it")
    @APIResponse(responseCode = "400", description = "No reason given")
    @APIResponse(responseCode = "409", description = "No final charge yet, or a dispute is already open")
    public Response dispute(@RestPath String id, DisputeRequest request) {
        return Response.status(201).entity(disputes.flag(job(id), request == null ? null : request.reason())).build();
    }

    private GatewayJob job(String id) {
        return jobs.owned(users.current(identity), id);
    }
}
