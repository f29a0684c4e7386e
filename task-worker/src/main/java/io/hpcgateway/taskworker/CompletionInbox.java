package io.hpcgateway.taskworker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The task client's side of seed 003's contract: {@code POST /complete} with
 * {@code {"task", "status": "completed|failed|killed", "result"?, "error"?}}, which the image calls
 * when a task it was given ends. Listens on the loopback only: nothing outside the node reaches it.
 */
final class CompletionInbox implements AutoCloseable {

    /** A report the image made. */
    record Report(String task, String status, JsonNode result, String error) {}

    private static final int MAX_BODY = 1 << 20;
    private final ObjectMapper json = new ObjectMapper();
    private final BlockingQueue<Report> reports = new ArrayBlockingQueue<>(64);
    private final HttpServer server;

    /** Listens on the port (0: any free one; a pod's image is told a fixed one). */
    CompletionInbox(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/complete", this::complete);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/complete");
    }

    /** The next report for this task, or null if none came within the wait; reports for other tasks are dropped. */
    Report await(String task, Duration wait) throws InterruptedException {
        long until = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); left > 0; left = until - System.nanoTime()) {
            Report report = reports.poll(left, TimeUnit.NANOSECONDS);
            if (report != null && report.task().equals(task)) {
                return report;
            }
        }
        return null;
    }

    private void complete(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                body = json.readTree(in.readNBytes(MAX_BODY));
            } catch (IOException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            String status = body == null ? "" : body.path("status").asText();
            if (!body.path("task").isTextual() || !(status.equals("completed") || status.equals("failed")
                    || status.equals("killed"))) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            reports.offer(new Report(body.get("task").asText(), status, body.get("result"),
                    body.hasNonNull("error") ? body.get("error").asText() : null));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
