package io.hpcgateway.gateway.placement;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.hpcgateway.gateway.identity.UserAccount;
import io.hpcgateway.gateway.identity.Users;
import io.hpcgateway.gateway.platform.ApiException;
import io.hpcgateway.gateway.platform.QueryParams;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Seed 002's scheduling-decision query: why a job went where it went. Users see their own
 * decisions; admins see everyone's (and may filter by owner).
 */
@Path("/api/v2/scheduling-decisions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "placement")
@SecurityRequirement(name = "bearer")
public class SchedulingDecisionResource {

    private static final int MAX_PAGE = 500;
    private static final int MAX_PAGES = 100_000;

    /** A page of decisions, newest first. */
    @Schema(name = "SchedulingDecisionPage")
    public record Page(List<SchedulingDecision> items, int page, int size, long total) {}

    private final Users users;
    private final SecurityIdentity identity;

    SchedulingDecisionResource(Users users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSchedulingDecision", summary = "One scheduling decision: the clusters considered, "
            + "why each could or could not take the job, their scores and the one chosen")
    @APIResponse(responseCode = "200", description = "The decision")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    @APIResponse(responseCode = "404", description = "No such decision of the caller's")
    public SchedulingDecision get(@RestPath String id) {
        UserAccount user = users.current(identity);
        SchedulingDecision decision = SchedulingDecision.findById(id);
        if (decision == null || !(decision.owner.equals(user.subject) || isAdmin())) {
            throw ApiException.notFound("Scheduling decision", id);
        }
        return decision;
    }

    @GET
    @Operation(operationId = "listSchedulingDecisions", summary = "Scheduling decisions, newest first: the caller's, "
            + "or for admins everyone's; optionally of one job, cluster chosen, or (admins) owner")
    @APIResponse(responseCode = "200", description = "A page of decisions")
    @APIResponse(responseCode = "400", description = "A paging value out of range")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    public Page list(@RestQuery String job, @RestQuery String cluster, @RestQuery String owner,
                     @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String page,
                     @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String size) {
        UserAccount user = users.current(identity);
        int pageNumber = QueryParams.integer("page", page, 0, 0, MAX_PAGES);
        int pageSize = QueryParams.integer("size", size, 50, 1, MAX_PAGE);
        List<Bson> filters = new ArrayList<>();
        if (!isAdmin()) {
            filters.add(Filters.eq("owner", user.subject));
        } else if (owner != null && !owner.isBlank()) {
            filters.add(Filters.eq("owner", owner));
        }
        if (job != null && !job.isBlank()) {
            filters.add(Filters.eq("jobId", job));
        }
        if (cluster != null && !cluster.isBlank()) {
            filters.add(Filters.eq("chosen", cluster));
        }
        Bson filter = filters.isEmpty() ? Filters.empty() : Filters.and(filters);
        List<SchedulingDecision> items = SchedulingDecision.<SchedulingDecision>mongoCollection().find(filter)
                .sort(Sorts.descending("decidedAt")).skip(pageNumber * pageSize).limit(pageSize)
                .into(new ArrayList<>());
        return new Page(items, pageNumber, pageSize, SchedulingDecision.mongoCollection().countDocuments(filter));
    }

    private boolean isAdmin() {
        return identity.hasRole("admin");
    }
}
