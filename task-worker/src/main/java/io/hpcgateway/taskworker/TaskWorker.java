package io.hpcgateway.taskworker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code hpcgw-task-worker --settings worker.json}: seed 003's task client. It starts the image's
 * program, then takes tasks from the gateway and runs them in it until it is drained (by its
 * user, the gateway, or SIGTERM: the scheduler's or Kubernetes' notice), idle for the idle
 * timeout, or near its wall-clock limit. Exit status: 0 when it left, 1 when the gateway refused
 * it, 2 for bad settings, 3 when the image would not start, 4 when the gateway stopped answering for
 * longer than three leases (its tasks have gone back to the queue by then).
 */
public final class TaskWorker {

    /** How long SIGTERM waits for the running task and the last report; SLURM's KillWait is 30 s by default. */
    private static final long DRAIN_SECONDS = 25;

    private TaskWorker() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2 || !args[0].equals("--settings")) {
            System.err.println("usage: hpcgw-task-worker --settings <worker.json>");
            System.exit(2);
        }
        Settings settings;
        try {
            settings = Settings.read(Path.of(args[1]));
        } catch (IOException | RuntimeException e) {
            System.err.println("hpcgw-task-worker: cannot read the settings: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(settings));
    }

    static int run(Settings settings) throws InterruptedException {
        Pipeline pipeline = new Pipeline();
        CountDownLatch done = new CountDownLatch(1);
        Thread drainOnTerm = new Thread(() -> {
            if (done.getCount() == 0) {
                return; // the worker has left already: this is its own exit
            }
            Log.info("asked to stop: draining");
            pipeline.drain();
            try {
                done.await(DRAIN_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(drainOnTerm);
        try (CompletionInbox inbox = new CompletionInbox()) {
            ImageProcess image;
            try {
                image = ImageProcess.start(settings.imageCommand(), inbox.uri());
            } catch (IOException e) {
                Log.info("the image %s did not start: %s", settings.image(), e.getMessage());
                new Exchanger(settings, pipeline, new GatewayLink(settings)).leaveAtOnce("its image did not start");
                return 3;
            }
            Log.info("worker %s runs %s, %d tasks ahead", settings.worker(), settings.image(), settings.prefetch());
            Runner runner = new Runner(pipeline, inbox, settings.imageCommand(), image);
            Thread running = new Thread(runner, "runner");
            running.start();
            String why = new Exchanger(settings, pipeline, new GatewayLink(settings)).run();
            pipeline.stop();
            running.join(TimeUnit.SECONDS.toMillis(DRAIN_SECONDS));
            runner.image().finish();
            runner.image().close();
            return switch (why) {
                case "refused" -> 1;
                case "unreachable" -> 4;
                default -> 0;
            };
        } catch (IOException e) {
            Log.info("cannot listen for the image's reports: %s", e.getMessage());
            return 3;
        } finally {
            done.countDown();
        }
    }
}
