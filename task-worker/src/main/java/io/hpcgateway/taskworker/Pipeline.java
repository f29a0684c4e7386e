package io.hpcgateway.taskworker;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * What the worker holds between its two threads: the tasks leased and not yet started, the one
 * running, and the completions the gateway has not yet acknowledged (kept until it has: a
 * completion is only forgotten once stored). The runner takes from the front; the exchanger
 * fills the back and empties the completions.
 */
final class Pipeline {

    private final Deque<LeasedTask> ready = new ArrayDeque<>();
    private final List<Completion> unacknowledged = new ArrayList<>();
    private boolean running;
    private boolean draining;
    private boolean stopped;
    private long idleSince = System.nanoTime();

    /** The next task to run, waiting for one; null once draining or stopped. */
    synchronized LeasedTask take() throws InterruptedException {
        while (ready.isEmpty() && !draining && !stopped) {
            wait();
        }
        if (draining || stopped) {
            return null;
        }
        running = true;
        notifyAll();
        return ready.poll();
    }

    synchronized void finished(Completion completion) {
        unacknowledged.add(completion);
        running = false;
        idleSince = System.nanoTime();
        notifyAll();
    }

    synchronized void leased(Collection<LeasedTask> tasks) {
        ready.addAll(tasks);
        notifyAll();
    }

    synchronized void acknowledged(Set<String> ids) {
        unacknowledged.removeIf(c -> ids.contains(c.task()));
    }

    synchronized List<Completion> unacknowledged() {
        return List.copyOf(unacknowledged);
    }

    /** Tasks the worker can take on top of what it holds. */
    synchronized int room(int prefetch) {
        return draining ? 0 : Math.max(0, prefetch - ready.size() - (running ? 1 : 0));
    }

    synchronized int queued() {
        return ready.size();
    }

    synchronized int pending() {
        return unacknowledged.size();
    }

    synchronized boolean running() {
        return running;
    }

    /** Nothing held, nothing running, nothing to report, for at least this long. */
    synchronized boolean idleFor(Duration timeout) {
        return ready.isEmpty() && !running && unacknowledged.isEmpty()
                && System.nanoTime() - idleSince >= timeout.toNanos();
    }

    /** Finish the running task and take no other. */
    synchronized void drain() {
        draining = true;
        notifyAll();
    }

    synchronized boolean draining() {
        return draining;
    }

    /** Draining, with the running task done and every completion acknowledged: time to leave. */
    synchronized boolean drained() {
        return draining && !running && unacknowledged.isEmpty();
    }

    /** The tasks never started, given back on leaving. */
    synchronized List<String> unstarted() {
        return ready.stream().map(LeasedTask::id).toList();
    }

    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    /** Waits until something changes or the time passes. */
    synchronized void await(Duration most) throws InterruptedException {
        wait(Math.max(1, most.toMillis()));
    }

    synchronized void poke() {
        notifyAll();
    }
}
