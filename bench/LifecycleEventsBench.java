import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Issue 21's event latency and its cost to the scheduler, on the real SLURM:
 *
 * <ul>
 *   <li>from a job's end (the last thing its script does is write the time, so the scheduler's
 *   transition follows within its step's teardown) to its {@code job.completed} at a webhook
 *   receiver and on an open SSE stream, p50 and p99, against the goal of one reconcile interval
 *   plus 100 ms;
 *   <li>cluster calls per reconcile cycle with active jobs, with no stream open and with 1,000
 *   open streams (of 100 users), read from {@code hpc_cluster_calls_total} and the poll count.
 * </ul>
 *
 *   java LifecycleEventsBench <gateway> <token> <jobs> <reconcile interval ms>
 */
public final class LifecycleEventsBench {

    /** HTTP/1.1: one connection per stream, as browsers and most SSE clients hold them. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern JOB_ID = Pattern.compile("\"jobId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    /** When the gateway stored the event: the webhook body's timestamp, the stream event's at. */
    private static final Pattern STORED = Pattern.compile("\"(?:timestamp|at)\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String token = args[1];
        int jobs = Integer.parseInt(args[2]);
        long interval = Long.parseLong(args[3]);

        Map<String, Long> hooked = new ConcurrentHashMap<>();
        Map<String, Long> hookedAfterStored = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        receiver.createContext("/hook", exchange -> {
            long at = nowNanos();
            String body = new String(exchange.getRequestBody().readAllBytes());
            if (body.contains("\"job.completed\"")) {
                Matcher m = JOB_ID.matcher(body);
                if (m.find()) {
                    hooked.putIfAbsent(m.group(1), at);
                    hookedAfterStored.putIfAbsent(m.group(1), at - storedAt(body));
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        post(gateway, token, "/api/v2/webhooks", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/hook\",\"events\":[\"job.completed\"]}");

        Map<String, Long> streamed = new ConcurrentHashMap<>();
        Map<String, Long> streamedAfterStored = new ConcurrentHashMap<>();
        AutoCloseable stream = stream(gateway, token, line -> {
            if (line.startsWith("data:") && line.contains("\"to\":\"completed\"")) {
                Matcher m = JOB_ID.matcher(line);
                if (m.find()) {
                    long at = nowNanos();
                    streamed.putIfAbsent(m.group(1), at);
                    streamedAfterStored.putIfAbsent(m.group(1), at - storedAt(line));
                }
            }
        });

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            String id = field(ID, post(gateway, token, "/api/v2/jobs",
                    "{\"name\":\"latency\",\"command\":\"sleep 0.$((RANDOM % 9)); date +%s%N > end.txt\"}"));
            post(gateway, token, "/api/v2/jobs/" + id + "/launch", "");
            ids.add(id);
            Thread.sleep(150); // spread the ends over the reconcile cycle, as real jobs' are
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while ((hooked.size() < jobs || streamed.size() < jobs) && System.nanoTime() < deadline) {
            Thread.sleep(100); // polling the two collectors, which the receiver's and stream's threads fill
        }
        long[] webhook = new long[ids.size()];
        long[] sse = new long[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            long end = Long.parseLong(get(gateway, token, "/api/v2/jobs/" + ids.get(i) + "/files/end.txt").strip());
            webhook[i] = hooked.getOrDefault(ids.get(i), Long.MAX_VALUE) - end;
            sse[i] = streamed.getOrDefault(ids.get(i), Long.MAX_VALUE) - end;
        }
        stream.close();
        receiver.stop(0);
        System.out.printf("Event latency, a job's end to its job.completed (%d jobs, reconcile interval %d ms; goal "
                + "<= %d ms):%n", jobs, interval, interval + 100);
        System.out.printf("  %-50s p50 %7.1f  p99 %7.1f ms%n", "webhook delivery (POST to a local receiver)",
                Latencies.percentile(webhook, 50), Latencies.percentile(webhook, 99));
        System.out.printf("  %-50s p50 %7.1f  p99 %7.1f ms%n", "SSE stream (GET /api/v2/events)",
                Latencies.percentile(sse, 50), Latencies.percentile(sse, 99));
        System.out.printf("of which from the gateway's storing the event (its reconciler saw the end) to delivery:%n");
        System.out.printf("  %-50s p50 %7.1f  p99 %7.1f ms%n", "webhook delivery",
                Latencies.percentile(values(hookedAfterStored), 50), Latencies.percentile(values(hookedAfterStored), 99));
        System.out.printf("  %-50s p50 %7.1f  p99 %7.1f ms%n", "SSE stream",
                Latencies.percentile(values(streamedAfterStored), 50),
                Latencies.percentile(values(streamedAfterStored), 99));

        callsPerCycle(gateway, token, interval);
    }

    /** Cluster calls per poll with five running jobs: no stream open, then 1,000. */
    private static void callsPerCycle(String gateway, String token, long interval) throws Exception {
        for (int i = 0; i < 5; i++) {
            String id = field(ID, post(gateway, token, "/api/v2/jobs", "{\"name\":\"held\",\"command\":\"sleep 120\"}"));
            post(gateway, token, "/api/v2/jobs/" + id + "/launch", "");
        }
        Thread.sleep(3 * interval); // the launches' own calls are past
        double quiet = callsPerPoll(gateway, 10 * interval);
        List<AutoCloseable> streams = new ArrayList<>();
        for (int user = 0; user < 100; user++) {
            String userToken = field(Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\""), post(gateway, null,
                    "/api/v2/dev/login", "{\"user\":\"bench-stream-" + user + "\"}"));
            for (int s = 0; s < 10; s++) {
                streams.add(stream(gateway, userToken, line -> { }));
            }
        }
        Thread.sleep(2 * interval);
        double busy = callsPerPoll(gateway, 10 * interval);
        for (AutoCloseable open : streams) {
            open.close();
        }
        System.out.printf("Cluster calls per reconcile cycle, 5 running jobs:%n");
        System.out.printf("  %-50s %7.2f%n", "no stream open", quiet);
        System.out.printf("  %-50s %7.2f   extra %.2f (goal 0)%n", streams.size() + " streams open", busy, busy - quiet);
    }

    private static double callsPerPoll(String gateway, long windowMillis) throws Exception {
        double[] before = callsAndPolls(gateway);
        Thread.sleep(windowMillis);
        double[] after = callsAndPolls(gateway);
        return (after[0] - before[0]) / Math.max(1, after[1] - before[1]);
    }

    private static double[] callsAndPolls(String gateway) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        // The capacity refresh's calls (3 per cluster every capacity-interval) are placement's, not the reconciler's.
        return new double[] {sum(metrics, "hpc_cluster_calls_total") - sum(metrics, "hpc_capacity_refresh_calls_total"),
                sum(metrics, "hpc_scheduler_poll_duration_seconds_count")};
    }

    private static double sum(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + "{") || l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** An SSE stream read on its own thread, each line to {@code lines}, open once the gateway says so. */
    private static AutoCloseable stream(String gateway, String token, Consumer<String> lines) throws Exception {
        CountDownLatch open = new CountDownLatch(1);
        AtomicReference<Stream<String>> body = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                Stream<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v2/events"))
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                        HttpResponse.BodyHandlers.ofLines()).body();
                body.set(response);
                response.forEach(line -> {
                    if (line.matches("event: ?stream\\.open")) {
                        open.countDown();
                    }
                    lines.accept(line);
                });
            } catch (IOException | InterruptedException | RuntimeException closed) {
                // the stream was closed (by close() below, or the gateway): nothing more to read
            } finally {
                open.countDown();
            }
        });
        thread.setDaemon(true);
        thread.start();
        open.await();
        return () -> {
            Stream<String> response = body.get();
            if (response != null) {
                response.close();
            }
        };
    }

    private static String post(String gateway, String token, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String get(String gateway, String token, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String field(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + json);
        }
        return m.group(1);
    }

    private static long storedAt(String json) {
        Instant at = Instant.parse(field(STORED, json));
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    private static long[] values(Map<String, Long> nanos) {
        return nanos.values().stream().mapToLong(Long::longValue).toArray();
    }

    /** Wall-clock nanoseconds, comparable with the jobs' {@code date +%s%N} on the same machine. */
    private static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
