import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placement's cost at N clusters, against creating the same job on a named cluster in the same
 * run: client-side creation latency (p50, p99), the gateway's own deciding time from the stored
 * decisions, and cluster calls per creation from {@code hpc_cluster_calls_total} (less the
 * capacity refresh's own, {@code hpc_capacity_refresh_calls_total}).
 *
 *   java PlacementBench <gateway> <token> <jobs per kind> <clusters>
 */
public final class PlacementBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern TOOK = Pattern.compile("\"tookMicros\"\\s*:\\s*(\\d+)");
    private static final Pattern CHOSEN = Pattern.compile("\"chosen\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String token = args[1];
        int jobs = Integer.parseInt(args[2]);
        int clusters = Integer.parseInt(args[3]);
        awaitCapacity(gateway, token, clusters);
        for (int i = 0; i < 20; i++) { // warm-up of both paths
            create(gateway, token, "\"cluster\":\"local\",");
            create(gateway, token, "");
        }
        // Interleaved, so that neither kind has the warmer gateway.
        Instant placedFrom = Instant.now();
        long[] named = new long[jobs];
        long[] placed = new long[jobs];
        for (int i = 0; i < jobs; i++) {
            named[i] = create(gateway, token, "\"cluster\":\"local\",");
            placed[i] = create(gateway, token, "");
        }
        int counted = Math.min(jobs, 50);
        double callsBefore = calls(gateway);
        for (int i = 0; i < counted; i++) {
            create(gateway, token, "\"cluster\":\"local\",");
        }
        double callsNamed = (calls(gateway) - callsBefore) / counted;
        callsBefore = calls(gateway);
        for (int i = 0; i < counted; i++) {
            create(gateway, token, "");
        }
        double callsPlaced = (calls(gateway) - callsBefore) / counted;
        List<Long> took = new ArrayList<>();
        java.util.Map<String, Integer> chosen = new java.util.TreeMap<>();
        for (int page = 0; took.size() < jobs; page++) {
            String body = get(gateway, token, "/api/v2/scheduling-decisions?size=500&page=" + page);
            Matcher t = TOOK.matcher(body);
            int before = took.size();
            while (t.find()) {
                took.add(Long.parseLong(t.group(1)));
            }
            Matcher c = CHOSEN.matcher(body);
            while (c.find()) {
                chosen.merge(c.group(1), 1, Integer::sum);
            }
            if (took.size() == before) {
                break;
            }
        }
        long[] deciding = took.stream().limit(jobs).mapToLong(micros -> micros * 1000).toArray();
        System.out.printf("Placement at %d clusters, %d creations of each kind (one client, interleaved), since %s%n",
                clusters, jobs, placedFrom);
        System.out.println("Job creation, client side (ms):");
        Latencies.report("named cluster (baseline)", named, "placed among " + clusters + " clusters", placed);
        System.out.printf("Deciding, in the gateway (ms): p50 %.3f  p99 %.3f  (share of a placed creation's p50: %.1f %%)%n",
                Latencies.percentile(deciding, 50), Latencies.percentile(deciding, 99),
                100 * Latencies.percentile(deciding, 50) / Latencies.percentile(placed, 50));
        System.out.printf("Cluster calls per creation (%d of each): named %.2f, placed %.2f (goal: equal; placement "
                + "calls nothing)%n", counted, callsNamed, callsPlaced);
        System.out.println("Clusters chosen: " + chosen);
    }

    /** Waits until every cluster's capacity has been read, so that all ten are candidates. */
    private static void awaitCapacity(String gateway, String token, int clusters) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String body = get(gateway, token, "/api/v2/clusters");
            if (body.split("\"reachable\":true", -1).length - 1 >= clusters) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the capacity of " + clusters + " clusters was not read within 60 s");
    }

    private static long create(String gateway, String token, String cluster) throws Exception {
        String body = "{" + cluster + "\"name\":\"placed\",\"command\":\"true\"}";
        long start = System.nanoTime();
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v2/jobs"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("creation answered " + answer.statusCode() + ": " + answer.body());
        }
        return took;
    }

    private static String get(String gateway, String token, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double calls(String gateway) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return sum(metrics, "hpc_cluster_calls_total") - sum(metrics, "hpc_capacity_refresh_calls_total");
    }

    private static double sum(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + "{") || l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
