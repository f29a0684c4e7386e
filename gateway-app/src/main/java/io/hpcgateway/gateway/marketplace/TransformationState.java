package io.hpcgateway.gateway.marketplace;

import io.hpcgateway.gateway.job.GatewayJob;

/**
 * The MarketPlace standard app API's transformation states. Users set CREATED, RUNNING and
 * STOPPED; the application sets COMPLETED and FAILED. The mapping from the gateway's lifecycle
 * lives here and nowhere else.
 */
public enum TransformationState {
    CREATED, RUNNING, STOPPED, COMPLETED, FAILED;

    public static TransformationState of(GatewayJob job) {
        return switch (job.state) {
            // A claimed launch is on its way to the scheduler: the user already asked for RUNNING.
            case PENDING -> job.launchClaimedAt == null ? CREATED : RUNNING;
            // A cancelled job stays active until the scheduler confirms; the user asked for STOPPED.
            case QUEUED, STARTING, RUNNING, SUSPENDED -> job.cancelRequestedAt == null ? RUNNING : STOPPED;
            case COMPLETED -> COMPLETED;
            case FAILED, TIMEOUT -> FAILED;
            case CANCELLED -> STOPPED;
        };
    }
}
