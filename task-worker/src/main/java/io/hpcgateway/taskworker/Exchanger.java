package io.hpcgateway.taskworker;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The worker's conversation with the gateway, on a thread of its own so that tasks run while it
 * talks: it reports completions in batches and refills the pipeline before it runs dry, renews
 * the leases often enough that they never lapse, and, once draining or idle for the idle
 * timeout, leaves, giving back what it never started.
 */
final class Exchanger {

    private static final Duration MIN_POLL = Duration.ofMillis(20);
    /** How long an idle worker waits between asking for work: how soon it sees new tasks. */
    private static final Duration MAX_POLL = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** A pilot stops taking work this close to its wall-clock limit. */
    private static final Duration WALLTIME_MARGIN = Duration.ofSeconds(5);
    /** Leases that pass with the gateway silent before the worker gives up: by then its tasks are others'. */
    private static final int SILENT_LEASES = 3;

    private final Settings settings;
    private final Pipeline pipeline;
    private final GatewayLink gateway;
    private final long startedAt = System.nanoTime();
    private Duration lease = Duration.ofSeconds(30);

    Exchanger(Settings settings, Pipeline pipeline, GatewayLink gateway) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.gateway = gateway;
    }

    /** Runs until the worker leaves or is refused; returns why it stopped. */
    String run() throws InterruptedException {
        Duration poll = Duration.ZERO;
        Duration backoff = MIN_POLL;
        long last = System.nanoTime() - MAX_POLL.toNanos();
        long answeredAt = System.nanoTime();
        while (true) {
            secondsLeft().filter(left -> left < WALLTIME_MARGIN.toSeconds()).ifPresent(left -> pipeline.drain());
            Duration since = Duration.ofNanos(System.nanoTime() - last);
            Duration wait = untilDue(since, poll);
            if (!wait.isZero()) {
                pipeline.await(wait);
                continue;
            }
            List<Completion> sent = pipeline.unacknowledged();
            try {
                GatewayLink.Answer answer = gateway.exchange(sent, pipeline.room(settings.prefetch()),
                        secondsLeft().orElse(null));
                pipeline.acknowledged(answer.acknowledged());
                pipeline.leased(answer.tasks());
                lease = answer.lease();
                if (answer.drain()) {
                    pipeline.drain();
                }
                poll = answer.tasks().isEmpty() ? min(max(poll.multipliedBy(2), MIN_POLL), MAX_POLL) : Duration.ZERO;
                backoff = MIN_POLL;
                answeredAt = System.nanoTime();
            } catch (GatewayLink.Unreachable e) {
                if (System.nanoTime() - answeredAt > lease.multipliedBy(SILENT_LEASES).toNanos()) {
                    Log.info("%s for %d s, longer than its leases last: stopping", e.getMessage(),
                            lease.multipliedBy(SILENT_LEASES).toSeconds());
                    return "unreachable";
                }
                Log.info("%s; %d completions kept, trying again in %d ms", e.getMessage(), sent.size(), backoff.toMillis());
                pipeline.await(backoff);
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                continue;
            } catch (GatewayLink.Refused e) {
                Log.info("the gateway refused this worker (%s): stopping", e.getMessage());
                return "refused";
            }
            last = System.nanoTime();
            if (pipeline.drained()) {
                return leave(pipeline.unstarted(), "drained");
            }
            if (pipeline.idleFor(settings.idleTimeout())) {
                return leave(List.of(), "idle for " + settings.idleTimeout().toSeconds() + " s");
            }
        }
    }

    /** How long until the next exchange is due: zero when it is. */
    private Duration untilDue(Duration since, Duration poll) {
        int prefetch = settings.prefetch();
        boolean reportNow = pipeline.pending() >= Math.max(1, prefetch / 2)
                || (pipeline.pending() > 0 && !pipeline.running() && pipeline.queued() == 0)
                || pipeline.drained();
        if (reportNow) {
            return Duration.ZERO;
        }
        Duration renew = lease.dividedBy(3).minus(since);
        boolean refill = pipeline.room(prefetch) > 0 && pipeline.queued() <= prefetch / 2;
        Duration next = refill ? min(poll.minus(since), renew) : renew;
        if (pipeline.idleFor(settings.idleTimeout())) {
            return Duration.ZERO;
        }
        return next.isNegative() || next.isZero() ? Duration.ZERO : next;
    }

    /** Leaves before taking anything, as a worker whose image would not start. */
    void leaveAtOnce(String reason) throws InterruptedException {
        leave(List.of(), reason);
    }

    private String leave(List<String> unstarted, String reason) throws InterruptedException {
        Duration backoff = MIN_POLL;
        for (int tries = 0; tries < 10; tries++) {
            try {
                gateway.leave(unstarted, reason);
                Log.info("left (%s), giving back %d tasks never started", reason, unstarted.size());
                return reason;
            } catch (GatewayLink.Unreachable e) {
                pipeline.await(backoff);
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            } catch (GatewayLink.Refused e) {
                return reason;
            }
        }
        Log.info("could not tell the gateway it left; its leases will run out instead");
        return reason;
    }

    private Optional<Double> secondsLeft() {
        return settings.walltime().map(limit -> (limit.toNanos() - (System.nanoTime() - startedAt)) / 1e9)
                .map(left -> Math.max(0, left));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
