package io.hpcgateway.gateway.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
    public final Path log;

    private TaskWorkerProcess(Process process, Path log) {
        this.process = process;
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
            return new TaskWorkerProcess(process, log);
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
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
