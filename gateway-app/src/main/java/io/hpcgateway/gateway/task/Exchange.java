package io.hpcgateway.gateway.task;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One round trip of a worker: it reports what it finished and asks for more. The exchange renews
 * every lease the worker holds (seed 003's ping, from the gateway's side).
 */
@Schema(name = "WorkerExchange")
public record Exchange(
        @Schema(description = "Tasks finished since the last exchange") List<Completion> completions,
        @Schema(description = "How many more tasks the worker can take now") int want,
        @Schema(description = "Seconds the worker has left before its wall-clock limit; a task whose estimate "
                + "does not fit is not given") Double secondsLeft) {

    /** The gateway's answer. */
    @Schema(name = "WorkerExchangeAnswer")
    public record Answer(
            @Schema(description = "Completions stored (or already known): the worker may forget them") List<String> acknowledged,
            @Schema(description = "Tasks leased to the worker, to run in this order") List<Leased> tasks,
            @Schema(description = "Seconds the leases last without another exchange") long leaseSeconds,
            @Schema(description = "Finish what is running, give back the rest (leave) and stop") boolean drain) {}

    /** A task given to a worker. */
    @Schema(name = "LeasedTask")
    public record Leased(String id, int attempt, String type, String version,
                         @JsonRawValue @Schema(description = "The task's payload (JSON)") String payload,
                         @Schema(description = "The estimated execution time in seconds") double estimatedSeconds) {}

    /** A worker leaving: the tasks it was given and never started go back to the queue without a try counted. */
    @Schema(name = "WorkerLeave")
    public record Leave(List<String> returned, String reason) {}
}
