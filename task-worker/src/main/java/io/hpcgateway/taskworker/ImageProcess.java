package io.hpcgateway.taskworker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The image a worker runs its tasks in, and seed 003's HTTP API to it: {@code POST /initialize},
 * {@code POST /execute} with {@code {"task", "payload"}} (the image answers at once and reports the
 * end through the client's {@code complete}), {@code POST /finalize} and {@code GET /ping}. With no
 * container runtime on the node, the image's program runs directly, told where to listen
 * ({@code HPCGW_TASK_PORT}, on the loopback) and where to report ({@code HPCGW_TASK_CLIENT}). In a
 * Kubernetes pod the image is the pod's other container, sharing its loopback.
 */
final class ImageProcess implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration CALL = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CALL).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final URI base;

    private ImageProcess(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** Starts the program and waits until it answers its ping, then initializes it. */
    static ImageProcess start(String command, URI client) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", "exec " + command).inheritIO();
        builder.environment().put("HPCGW_TASK_PORT", Integer.toString(port));
        builder.environment().put("HPCGW_TASK_CLIENT", client.toString());
        return new ImageProcess(builder.start(), URI.create("http://127.0.0.1:" + port + "/")).ready();
    }

    /**
     * The image in the pod's other container, which Kubernetes starts (and starts again if it
     * exits): waits until it answers its ping, then initializes it.
     */
    static ImageProcess attach(URI url) throws IOException, InterruptedException {
        return new ImageProcess(null, url.toString().endsWith("/") ? url : URI.create(url + "/")).ready();
    }

    /** The image again after it stopped answering: started afresh here, or waited for in a pod. */
    ImageProcess again(String command, URI client) throws IOException, InterruptedException {
        close();
        return process == null ? attach(base) : start(command, client);
    }

    private ImageProcess ready() throws IOException, InterruptedException {
        long until = System.nanoTime() + START.toNanos();
        while (!alive()) {
            if (process != null && !process.isAlive()) {
                throw new IOException("the image's program exited with " + process.exitValue() + " before it "
                        + "answered its ping");
            }
            if (System.nanoTime() > until) {
                close();
                throw new IOException("the image did not answer its ping within " + START.toSeconds() + " s");
            }
            Thread.sleep(50); // an image starting: nothing to be told of, only to be asked again
        }
        call("initialize", json.createObjectNode(), true);
        return this;
    }

    /** Hands the task to the image; false if the image refused it. */
    boolean execute(LeasedTask task) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("task", task.id());
        body.set("payload", task.payload());
        return call("execute", body, false) / 100 == 2;
    }

    /** Whether the image answers its ping. */
    boolean alive() {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("ping")).timeout(CALL).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void finish() {
        try {
            call("finalize", json.createObjectNode(), true);
        } catch (IOException e) {
            Log.info("the image's finalize failed: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** POSTs to the image; an optional call the image does not implement (404) is fine. */
    private int call(String what, JsonNode body, boolean optional) throws IOException, InterruptedException {
        int status = http.send(HttpRequest.newBuilder(base.resolve(what)).timeout(CALL)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        if (optional && status != 404 && status / 100 != 2) {
            throw new IOException("the image answered " + what + " with " + status);
        }
        return status;
    }

    /** Stops the program this worker started; an image in another container is Kubernetes' to stop. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
