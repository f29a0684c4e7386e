package io.hpcgateway.gateway.usage;

import io.hpcgateway.gateway.identity.Users;
import io.hpcgateway.gateway.job.JobService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** One job's usage records, for its owner. */
@Path("/api/v2/jobs/{id}/usage")
@Authenticated
@Tag(name = "usage")
@SecurityRequirement(name = "bearer")
public class JobUsageResource {

    private final UsageStore store;
    private final JobService jobs;
    private final Users users;
    private final SecurityIdentity identity;

    JobUsageResource(UsageStore store, JobService jobs, Users users, SecurityIdentity identity) {
        this.store = store;
        this.jobs = jobs;
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getJobUsage", summary = "A job's usage records, in order (the last is final once the job ended)")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    @APIResponse(responseCode = "404", description = "No such job of the caller's")
    public List<UsageRecordView> list(@RestPath String id) {
        return store.ofJob(jobs.owned(users.current(identity), id).id).stream().map(UsageRecordView::of).toList();
    }
}
