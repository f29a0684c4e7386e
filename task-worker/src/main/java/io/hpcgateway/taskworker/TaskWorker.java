package io.hpcgateway.taskworker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code hpcgw-task-worker --settings worker.json} (a pilot) or {@code hpcgw-task-worker --env}
 * (a Kubernetes pod, {@link Settings#fromEnvironment}): seed 003's task client. It starts the
 * image's program (in a pod: waits for the image container), then takes tasks from the gateway
 * and runs them in it until it is drained (by its user, the gateway, or SIGTERM: the scheduler's
 * or Kubernetes' notice), idle for the idle timeout, or near its wall-clock limit. Exit status: 0
 * when it left, 1 when the gateway refused it, 2 for bad settings, 3 when the image would not
 * start, 4 when the gateway stopped answering for longer than three leases (its tasks have gone
 * back to the queue by then).
 */
public final class TaskWorker {

    private static final Duration ENROLMENT_BACKOFF = Duration.ofSeconds(30);

    private TaskWorker() {}

    public static void main(String[] args) throws InterruptedException {
        boolean fromFile = args.length == 2 && args[0].equals("--settings");
        if (!fromFile && !(args.length == 1 && args[0].equals("--env"))) {
            System.err.println("usage: hpcgw-task-worker --settings <worker.json> | --env");
            System.exit(2);
        }
        Settings settings;
        try {
            settings = fromFile ? Settings.read(Path.of(args[1])) : Settings.fromEnvironment(System.getenv());
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
                done.await(settings.drain().toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(drainOnTerm);
        try (CompletionInbox inbox = new CompletionInbox(settings.pod().map(Settings.Pod::clientPort).orElse(0))) {
            Settings worker = settings.pod().isPresent() ? enrol(settings, pipeline) : settings;
            if (worker == null) {
                return pipeline.drained() ? 0 : 1;
            }
            ImageProcess image;
            try {
                image = worker.pod().isPresent() ? ImageProcess.attach(worker.pod().get().imageUrl())
                        : ImageProcess.start(worker.imageCommand(), inbox.uri());
            } catch (IOException e) {
                Log.info("the image %s did not start: %s", worker.image(), e.getMessage());
                new Exchanger(worker, pipeline, new GatewayLink(worker)).leaveAtOnce("its image did not start");
                return 3;
            }
            Log.info("worker %s runs %s, %d tasks ahead", worker.worker(), worker.image(), worker.prefetch());
            Runner runner = new Runner(pipeline, inbox, worker.imageCommand(), image);
            Thread running = new Thread(runner, "runner");
            running.start();
            String why = new Exchanger(worker, pipeline, new GatewayLink(worker)).run();
            pipeline.stop();
            running.join(worker.drain().toMillis());
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

    /**
     * A pod's worker, bought with its pool's enrolment token. While the user has as many workers
     * as allowed (429) or the gateway does not answer, it asks again, until SIGTERM; null if it
     * was refused or stopped first.
     */
    private static Settings enrol(Settings settings, Pipeline pipeline) throws InterruptedException {
        Duration backoff = Duration.ofSeconds(1);
        while (!pipeline.drained()) {
            try {
                GatewayLink.Enrolled enrolled = GatewayLink.enrol(settings.gateway(), settings.pod().get().enrolmentToken());
                return settings.enrolled(enrolled.worker(), enrolled.token());
            } catch (GatewayLink.Unreachable e) {
                Log.info("not enrolled yet (%s): asking again in %d s", e.getMessage(), backoff.toSeconds());
                pipeline.await(backoff);
                backoff = backoff.multipliedBy(2).compareTo(ENROLMENT_BACKOFF) > 0 ? ENROLMENT_BACKOFF
                        : backoff.multipliedBy(2);
            } catch (GatewayLink.Refused e) {
                Log.info("the gateway refused the enrolment (%s): stopping", e.getMessage());
                return null;
            }
        }
        return null;
    }
}
