package io.hpcgateway.frontend.compute;

import io.hpcgateway.frontend.auth.Caller;
import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.platform.OpenApiDefinition;
import io.hpcgateway.frontend.platform.Systems;
import io.hpcgateway.frontend.scheduler.JobAccounting;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Resource accounting of many jobs in one call (one {@code sacct}), so a gateway metering
 * hundreds of jobs asks once per cycle. Not part of FirecREST v2; it follows v1's
 * {@code /compute/acct?jobs=}.
 */
@Path("/compute/{system}/acct")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "compute")
@SecurityRequirement(name = OpenApiDefinition.BEARER)
@APIResponse(responseCode = "401", description = "Missing, invalid, expired or nearly expired token")
@APIResponse(responseCode = "503", description = "The scheduler does not answer")
public class AccountingResource {

    /** More ids than this make a command line some systems refuse. */
    static final int MAX_JOBS = 500;
    /** Job ids beyond this are no job any scheduler gave (and would overflow a long). */
    private static final int MAX_ID_DIGITS = 18;

    public record Accounting(List<JobAccounting> jobs) {}

    private final ComputeService compute;
    private final Caller caller;
    private final Systems systems;

    AccountingResource(ComputeService compute, Caller caller, Systems systems) {
        this.compute = compute;
        this.caller = caller;
        this.systems = systems;
    }

    @GET
    @Operation(operationId = "getJobsAccounting",
            summary = "Resource use of the given jobs (sacct): elapsed, CPU time, allocation, memory, energy")
    @APIResponse(responseCode = "200", description = "One entry per job accounting knows; unknown ids are left out")
    @APIResponse(responseCode = "400", description = "'jobs' is missing, not a list of job ids, or too long")
    @APIResponse(responseCode = "403", description = "'allusers' without the gateway's service token")
    public Accounting accounting(@RestPath String system,
                                 @Parameter(description = "Comma-separated job ids, at most 500")
                                 @RestQuery String jobs,
                                 @Parameter(description = "Every user's jobs (the gateway's service token only)")
                                 @RestQuery boolean allusers) {
        systems.require(system);
        return new Accounting(compute.accounting(caller.runAs(), allusers, jobIds(jobs)));
    }

    static List<Long> jobIds(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.validation("query", "jobs", "'jobs' must list job ids, such as jobs=1042,1043");
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (String item : text.split(",")) {
            try {
                if (item.strip().length() > MAX_ID_DIGITS) {
                    throw new NumberFormatException();
                }
                long id = Long.parseLong(item.strip());
                if (id <= 0) {
                    throw new NumberFormatException();
                }
                ids.add(id);
            } catch (NumberFormatException e) {
                throw ApiException.validation("query", "jobs", "'" + (item.strip().length() > 40
                        ? item.strip().substring(0, 40) + "..." : item.strip()) + "' is not a job id");
            }
        }
        if (ids.size() > MAX_JOBS) {
            throw ApiException.validation("query", "jobs", "at most " + MAX_JOBS + " job ids per call");
        }
        return new ArrayList<>(ids);
    }
}
