package io.hpcgateway.gateway.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged task worker ({@code task-worker/bin/hpcgw-task-worker}) as a real process, running
 * the reference pi image's program ({@code hpcgw-task-pi}), for a worker a test enrolled.
 */
public final class TaskWorkerProcess implements AutoCloseable {

    public static final Path WORKER = Reactor.path("task-worker/bin/hpcgw-task-worker").toAbsolutePath().normalize();
    public static final Path PI_IMAGE = Reactor.path("task-worker/bin/hpcgw-task-pi").toAbsolutePath().normalize();

    private final Process process;
    /** In a pod: the image's program, started apart as Kubernetes starts the image container. */
    private final Process image;
    public final Path log;

    private TaskWorkerProcess(Process process, Process image, Path log) {
        this.process = process;
        this.image = image;
        this.log = log;
    }

    /** Starts a worker with these settings (gateway, worker, token...), the pi image and its log under target/. */
    public static TaskWorkerProcess start(String gateway, String worker, String token, int prefetch,
                                          long idleTimeoutSeconds) {
        Path directory = FrontendProcess.DATA.resolve("task-workers/" + worker);
        try {
            Files.createDirectories(directory);
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("gateway", gateway);
            settings.put("worker", worker);
            settings.put("token", token);
            settings.put("image", "pi");
            settings.put("imageCommand", PI_IMAGE.toString());
            settings.put("prefetch", prefetch);
            settings.put("idleTimeoutSeconds", idleTimeoutSeconds);
            Path file = directory.resolve("worker.json");
            new ObjectMapper().writeValue(file.toFile(), settings);
            Path log = directory.resolve("worker.log");
            Process process = new ProcessBuilder(WORKER.toString(), "--settings", file.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new TaskWorkerProcess(process, null, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A task pool's pod as two processes on this host's loopback, as the pod's two containers
     * share theirs: the pi image, told where to listen and report, and the worker with the
     * environment a pool's Deployment gives it ({@code --env}: the enrolment token, the image's URL).
     */
    public static TaskWorkerProcess pod(String gateway, String enrolmentToken, String name) {
        Path directory = FrontendProcess.DATA.resolve("task-workers/" + name);
        try {
            Files.createDirectories(directory);
            int imagePort = FrontendProcess.freePort();
            int clientPort = FrontendProcess.freePort();
            ProcessBuilder sidecar = new ProcessBuilder(PI_IMAGE.toString()).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("image.log").toFile());
            sidecar.environment().put("HPCGW_TASK_PORT", Integer.toString(imagePort));
            sidecar.environment().put("HPCGW_TASK_CLIENT", "http://127.0.0.1:" + clientPort + "/complete");
            Process image = sidecar.start();
            Path log = directory.resolve("worker.log");
            ProcessBuilder worker = new ProcessBuilder(WORKER.toString(), "--env").redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            worker.environment().putAll(Map.of("HPCGW_GATEWAY", gateway, "HPCGW_ENROLMENT_TOKEN", enrolmentToken,
                    "HPCGW_IMAGE", "pi", "HPCGW_IMAGE_URL", "http://127.0.0.1:" + imagePort + "/",
                    "HPCGW_CLIENT_PORT", Integer.toString(clientPort), "HPCGW_PREFETCH", "4",
                    "HPCGW_DRAIN_SECONDS", "20"));
            return new TaskWorkerProcess(worker.start(), image, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Process process() {
        return process;
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : image == null ? List.of(process) : List.of(process, image)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
