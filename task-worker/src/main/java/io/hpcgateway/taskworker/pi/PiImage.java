package io.hpcgateway.taskworker.pi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The reference task image: a Monte Carlo estimate of pi. It implements seed 003's image API on
 * the loopback port {@code HPCGW_TASK_PORT} and reports each task to {@code HPCGW_TASK_CLIENT}.
 * A task's payload is {@code {"samples": n, "seed": s}} (n at most 10^10); its result
 * {@code {"samples", "inside", "pi"}}. The same seed gives the same result, wherever it runs.
 * task-worker/README.md, "Writing an image", walks through it.
 */
public final class PiImage {

    static final long MAX_SAMPLES = 10_000_000_000L;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    /** One task at a time: the worker gives it one, and the pilot's CPUs are its own. */
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final URI client;

    private PiImage(URI client) {
        this.client = client;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv("HPCGW_TASK_PORT"));
        PiImage image = new PiImage(URI.create(System.getenv("HPCGW_TASK_CLIENT")));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/ping", exchange -> drainAndAnswer(exchange, 200));
        // Nothing to set up or tear down: the estimate needs no state between tasks.
        server.createContext("/initialize", exchange -> drainAndAnswer(exchange, 204));
        server.createContext("/finalize", exchange -> drainAndAnswer(exchange, 204));
        server.createContext("/execute", image::execute);
        server.start();
    }

    /** Takes the task and answers at once; the estimate is reported through the client's complete. */
    private void execute(HttpExchange exchange) throws IOException {
        JsonNode request;
        try (InputStream in = exchange.getRequestBody()) {
            request = json.readTree(in);
        } catch (IOException e) {
            answer(exchange, 400);
            return;
        }
        if (request == null || !request.path("task").isTextual()) {
            answer(exchange, 400);
            return;
        }
        answer(exchange, 202);
        String task = request.get("task").asText();
        JsonNode payload = request.path("payload");
        executor.execute(() -> complete(task, payload));
    }

    private void complete(String task, JsonNode payload) {
        ObjectNode report = json.createObjectNode().put("task", task);
        long samples = payload.path("samples").asLong(-1);
        if (samples < 1 || samples > MAX_SAMPLES) {
            report.put("status", "failed").put("error", "payload.samples must be a whole number from 1 to " + MAX_SAMPLES);
        } else {
            long inside = inside(samples, payload.path("seed").asLong(1));
            report.put("status", "completed").putObject("result").put("samples", samples).put("inside", inside)
                    .put("pi", 4.0 * inside / samples);
        }
        try {
            http.send(HttpRequest.newBuilder(client).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(report))).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            System.err.println("pi: could not report task " + task + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Points of the unit square inside the quarter circle, from a seeded xorshift generator. */
    static long inside(long samples, long seed) {
        long state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
        long inside = 0;
        for (long i = 0; i < samples; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            double x = (state >>> 11) * 0x1.0p-53;
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            double y = (state >>> 11) * 0x1.0p-53;
            if (x * x + y * y <= 1.0) {
                inside++;
            }
        }
        return inside;
    }

    private static void drainAndAnswer(HttpExchange exchange, int status) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        answer(exchange, status);
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        try (exchange) {
            exchange.sendResponseHeaders(status, -1);
        }
    }
}
