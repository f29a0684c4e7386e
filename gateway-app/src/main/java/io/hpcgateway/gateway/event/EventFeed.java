package io.hpcgateway.gateway.event;

import io.hpcgateway.gateway.platform.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * This gateway's view of the event log, handed to its open streams. One thread walks the log in
 * id order, one query per poll for all streams, and moves a <em>horizon</em>: the highest id
 * below which every event is known. Two gateways draw ids from one sequence but may store them
 * out of order, so an id that is missing is waited for (up to {@code gateway.events.gap-timeout},
 * after which its writer is taken to have died) rather than skipped: a stream that resumes after
 * an id never misses an event stored later with a lower one.
 */
@ApplicationScoped
public class EventFeed {

    private static final Logger LOG = Logger.getLogger(EventFeed.class);
    private static final int BATCH = 500;

    private final EventLog log;
    private final GatewayConfig.Events config;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    /** Told each time the horizon moves: work that follows the whole log (webhooks) starts then. */
    private final List<LongConsumer> horizonListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean woken = new AtomicBoolean();
    private ScheduledExecutorService loop;
    /**
     * Ends every open stream as soon as the process is told to stop: a stream is a request that
     * never finishes, and Quarkus would otherwise wait its whole {@code quarkus.shutdown.timeout}
     * for them before its shutdown events. JVM shutdown hooks run at once, beside Quarkus's own.
     */
    private final Thread endStreams = new Thread(() -> subscriptions.forEach(Subscription::end), "event-streams-end");
    /** Written by the loop thread only. */
    private volatile long horizon;
    private Instant gapSince;

    EventFeed(EventLog log, GatewayConfig config, MeterRegistry registry) {
        this.log = log;
        this.config = config.events();
        registry.gaugeCollectionSize("hpc.event.streams", List.of(), subscriptions);
    }

    void start(@Observes StartupEvent event) {
        horizon = log.latest();
        loop = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "event-feed");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.pollInterval().toMillis();
        loop.scheduleWithFixedDelay(this::advance, every, every, TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(endStreams);
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.shutdownNow();
        }
        subscriptions.forEach(Subscription::end);
        try {
            Runtime.getRuntime().removeShutdownHook(endStreams);
        } catch (IllegalStateException stopping) {
            // the process is exiting: the hook has run
        }
    }

    void appended(@Observes EventAppended appended) {
        if (loop != null && woken.compareAndSet(false, true)) {
            loop.execute(this::advance);
        }
    }

    /** Calls {@code listener} with the new horizon each time it moves, on the feed's thread: it must not block. */
    public void onHorizon(LongConsumer listener) {
        horizonListeners.add(listener);
    }

    /** The highest id up to which the log is complete: pages and replays never go beyond it. */
    public long horizon() {
        return horizon;
    }

    /**
     * Streams one user's events (of one job, when {@code jobId} is set) to {@code listener}: first
     * those after {@code lastEventId} (none when it is null), then {@link Listener#ready} with the
     * horizon they reach, then each new one as the horizon passes it. The listener is called on the
     * feed's thread and must not block.
     */
    public Subscription subscribe(String owner, String jobId, Long lastEventId, Listener listener) {
        Subscription subscription = new Subscription(owner, jobId, listener);
        loop.execute(() -> {
            try {
                replay(subscription, lastEventId);
                listener.ready(horizon);
                subscriptions.add(subscription);
            } catch (RuntimeException e) {
                LOG.warnf("Cannot replay events for a stream: %s", e.getMessage());
                subscription.close();
                listener.failed(e);
            }
        });
        return subscription;
    }

    /** What an open stream is told. */
    public interface Listener {
        void event(GatewayEvent event);

        /** Every event up to {@code horizon} was replayed; live ones follow. */
        void ready(long horizon);

        /** The replay could not be read: the stream ends (its client resumes later). */
        void failed(RuntimeException e);

        /** The gateway is stopping: the stream ends (its client resumes with another gateway, or later). */
        void ended();
    }

    private void replay(Subscription subscription, Long lastEventId) {
        if (lastEventId == null) {
            return;
        }
        long after = lastEventId;
        List<GatewayEvent> batch;
        do {
            batch = log.ofOwner(subscription.owner, subscription.jobId, after, horizon, BATCH);
            for (GatewayEvent event : batch) {
                subscription.offer(event);
                after = event.id;
            }
        } while (batch.size() == BATCH && !subscription.closed.get());
    }

    private void advance() {
        woken.set(false);
        subscriptions.removeIf(s -> s.closed.get());
        long before = horizon;
        try {
            List<GatewayEvent> batch;
            do {
                batch = log.allAfter(horizon, BATCH);
                for (GatewayEvent event : batch) {
                    if (event.id != horizon + 1 && !gapExpired(event.id)) {
                        return;
                    }
                    gapSince = null;
                    horizon = event.id;
                    subscriptions.forEach(s -> s.offer(event));
                }
            } while (batch.size() == BATCH);
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next poll starts again from the horizon.
            LOG.warnf("Cannot read the event log: %s", e.getMessage());
        } finally {
            if (horizon > before) {
                horizonListeners.forEach(listener -> listener.accept(horizon));
            }
        }
    }

    private boolean gapExpired(long next) {
        Instant now = Instant.now();
        if (gapSince == null) {
            gapSince = now;
        }
        if (Duration.between(gapSince, now).compareTo(config.gapTimeout()) < 0) {
            return false;
        }
        LOG.warnf("Event ids %d to %d were drawn but never stored within %s; streams go on after them",
                horizon + 1, next - 1, config.gapTimeout());
        return true;
    }

    /** One open stream's interest in the log. */
    public static final class Subscription {
        private final String owner;
        private final String jobId;
        private final Listener listener;
        private final AtomicBoolean closed = new AtomicBoolean();

        Subscription(String owner, String jobId, Listener listener) {
            this.owner = owner;
            this.jobId = jobId;
            this.listener = listener;
        }

        void offer(GatewayEvent event) {
            if (!closed.get() && owner.equals(event.owner) && (jobId == null || jobId.equals(event.jobId))) {
                listener.event(event);
            }
        }

        public void close() {
            closed.set(true);
        }

        void end() {
            if (closed.compareAndSet(false, true)) {
                listener.ended();
            }
        }
    }
}
