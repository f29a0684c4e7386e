package io.hpcgateway.taskworker;

import java.io.IOException;
import java.time.Duration;

/**
 * Runs the leased tasks one after another in the image: hands each over with {@code execute},
 * then waits for the image's {@code complete}, pinging it meanwhile. An image that stops
 * answering has its task reported killed and is started afresh (in a pod: waited for, as
 * Kubernetes restarts it).
 */
final class Runner implements Runnable {

    /** How often a running task's image is pinged. */
    private static final Duration PING_EVERY = Duration.ofSeconds(1);

    private final Pipeline pipeline;
    private final CompletionInbox inbox;
    private final String command;
    private ImageProcess image;

    Runner(Pipeline pipeline, CompletionInbox inbox, String command, ImageProcess image) {
        this.pipeline = pipeline;
        this.inbox = inbox;
        this.command = command;
        this.image = image;
    }

    @Override
    public void run() {
        try {
            for (LeasedTask task = pipeline.take(); task != null; task = pipeline.take()) {
                pipeline.finished(run(task));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ImageProcess image() {
        return image;
    }

    private Completion run(LeasedTask task) throws InterruptedException {
        long startedAt = System.currentTimeMillis();
        long started = System.nanoTime();
        try {
            if (!image.execute(task)) {
                return outcome(task, "failed", "the image refused the task", startedAt, started);
            }
        } catch (IOException e) {
            restart();
            return outcome(task, "killed", "the image did not take the task: " + e.getMessage(), startedAt, started);
        }
        while (true) {
            CompletionInbox.Report report = inbox.await(task.id(), PING_EVERY);
            if (report != null) {
                return new Completion(task.id(), task.attempt(), report.status(), report.result(), report.error(),
                        startedAt, elapsedMillis(started));
            }
            if (!image.alive()) {
                restart();
                return outcome(task, "killed", "the image stopped answering while it ran the task", startedAt, started);
            }
        }
    }

    private void restart() throws InterruptedException {
        try {
            image = image.again(command, inbox.uri());
            Log.info("the image was started afresh");
        } catch (IOException e) {
            Log.info("the image cannot be started again (%s): draining", e.getMessage());
            pipeline.drain();
        }
    }

    private static Completion outcome(LeasedTask task, String status, String error, long startedAt, long started) {
        return new Completion(task.id(), task.attempt(), status, null, error, startedAt, elapsedMillis(started));
    }

    private static long elapsedMillis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
