package io.hpcgateway.gateway.marketplace;

import io.hpcgateway.gateway.identity.UserAccount;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobService;
import io.hpcgateway.gateway.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Optional;
import java.util.Map;
import java.util.EnumSet;
import java.util.Set;

/**
 * The standard app API's state changes, as gateway operations: RUNNING launches, STOPPED cancels.
 * Repeating the current state changes nothing (a relay may deliver a request twice); every other
 * change is a 409, as the standard prescribes.
 */
@ApplicationScoped
public class Transformations {

    private static final Set<TransformationState> SETTABLE = EnumSet.of(TransformationState.RUNNING,
            TransformationState.STOPPED);

    private final JobService jobs;
    private final MarketplaceJobs marketplaceJobs;

    Transformations(JobService jobs, MarketplaceJobs marketplaceJobs) {
        this.jobs = jobs;
        this.marketplaceJobs = marketplaceJobs;
    }

    public GatewayJob create(UserAccount user, TransformationModels.NewTransformation body) {
        if (body == null) {
            throw ApiException.badRequest("body", "The body must be {\"parameters\": {...}, \"state\": \"CREATED\"}");
        }
        TransformationState state = requested(body.state() == null ? "CREATED" : body.state(),
                EnumSet.of(TransformationState.CREATED, TransformationState.RUNNING));
        GatewayJob job = marketplaceJobs.create(user, body.parameters());
        if (state == TransformationState.RUNNING) {
            try {
                return jobs.launch(user, job.id);
            } catch (ApiException e) {
                Map<String, Object> details = new HashMap<>(e.details());
                details.put("id", job.id);
                throw new ApiException(e.status(), e.error(), "Transformation " + job.id + " was created but did not "
                        + "start: " + e.getMessage(), details);
            }
        }
        return job;
    }

    public TransformationState update(UserAccount user, String id, TransformationModels.Update update) {
        if (update == null || update.state() == null) {
            throw ApiException.badRequest("state", "The body must be {\"state\": \"RUNNING\"} or {\"state\": \"STOPPED\"}");
        }
        TransformationState wanted = change(update.state());
        GatewayJob job = jobs.owned(user, id);
        TransformationState current = TransformationState.of(job);
        if (current == wanted) {
            return wanted;
        }
        if (wanted == TransformationState.RUNNING && current == TransformationState.CREATED) {
            jobs.launch(user, id);
        } else if (wanted == TransformationState.STOPPED && current == TransformationState.RUNNING) {
            jobs.cancel(user, id);
        } else {
            throw ApiException.conflict("Transformation " + id + " is " + current + "; it cannot become " + wanted
                    + " (CREATED -> RUNNING -> STOPPED only)", Map.of("state", current));
        }
        return wanted;
    }

    private static TransformationState requested(String value, Set<TransformationState> allowed) {
        return known(value).filter(allowed::contains).orElseThrow(() -> ApiException.badRequest("state",
                "'state' must be one of " + allowed + ", not '" + value + "'"));
    }

    /**
     * The state a change asks for: one the standard knows but no one may ask for (COMPLETED,
     * FAILED, CREATED) is a conflict, as the standard says of every change but CREATED -> RUNNING
     * -> STOPPED; anything else is not a state at all (a validation error).
     */
    private static TransformationState change(String value) {
        TransformationState state = known(value).orElseThrow(() -> ApiException.badRequest("state",
                "'state' must be RUNNING or STOPPED, not '" + value + "'"));
        if (!SETTABLE.contains(state)) {
            throw ApiException.conflict("A transformation cannot be set to " + state + "; only to " + SETTABLE
                    + " (the gateway sets COMPLETED and FAILED)", Map.of("state", state));
        }
        return state;
    }

    private static Optional<TransformationState> known(String value) {
        return Arrays.stream(TransformationState.values()).filter(state -> state.name().equals(value)).findFirst();
    }
}
