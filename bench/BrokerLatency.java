import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One gateway route called directly and through edge -> AMQP broker -> relay, in the same run:
 * latency p50/p99 (sequential, interleaved) and requests per second with concurrent clients.
 * Run by bench/broker-latency.sh.
 *
 *   java -cp <classes of bench/*.java> BrokerLatency <gateway URL> <edge URL> <token> <samples> <clients>
 */
public class BrokerLatency {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String ROUTE = "/api/v2/jobs?size=5";

    public static void main(String[] args) throws Exception {
        String gateway = args[0], edge = args[1], token = args[2];
        int samples = Integer.parseInt(args[3]), clients = Integer.parseInt(args[4]);
        for (int i = 0; i < 30; i++) { // warm-up of both paths
            call(gateway, token);
            call(edge, token);
        }
        long[] direct = new long[samples], relayed = new long[samples];
        for (int i = 0; i < samples; i++) {
            direct[i] = call(gateway, token);
            relayed[i] = call(edge, token);
        }
        System.out.println("GET " + ROUTE + " latency (ms), " + samples + " samples each, interleaved:");
        Latencies.report("direct to the gateway", direct, "edge -> broker -> relay -> gateway", relayed);

        double directRate = rate(gateway, token, samples * 4, clients);
        double relayedRate = rate(edge, token, samples * 4, clients);
        System.out.printf("requests per second, %d clients:%n", clients);
        System.out.printf("  %-50s %8.1f /s%n", "direct to the gateway", directRate);
        System.out.printf("  %-50s %8.1f /s   ratio %.2fx%n", "edge -> broker -> relay -> gateway", relayedRate,
                relayedRate / directRate);
    }

    static long call(String base, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + ROUTE)).header("Authorization", "Bearer " + token)
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(base + ROUTE + " answered " + response.statusCode() + ": " + response.body());
        }
        return took;
    }

    static double rate(String base, String token, int requests, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<Long>> done = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                done.add(pool.submit(() -> call(base, token)));
            }
            for (Future<Long> each : done) {
                each.get();
            }
            return requests / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }
}
