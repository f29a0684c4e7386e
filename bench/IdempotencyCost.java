import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * What an Idempotency-Key costs a job create, measured in one run against the same gateway: a
 * create without a key (the baseline), one with a fresh key (claim, create, store the answer), and
 * the replay of that key (no effect, the stored answer). Interleaved, so drift hits all three alike.
 * Run by bench/idempotency-cost.sh.
 *
 *   java -cp <classes of bench/*.java> IdempotencyCost <gateway URL> <token> <samples>
 */
public class IdempotencyCost {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        String gateway = args[0], token = args[1];
        int samples = Integer.parseInt(args[2]);
        for (int i = 0; i < 20; i++) { // warm-up of every path
            String key = UUID.randomUUID().toString();
            create(gateway, token, null, 201);
            create(gateway, token, key, 201);
            create(gateway, token, key, 201);
        }
        long[] plain = new long[samples];
        long[] keyed = new long[samples];
        long[] replayed = new long[samples];
        for (int i = 0; i < samples; i++) {
            String key = UUID.randomUUID().toString();
            plain[i] = create(gateway, token, null, 201);
            keyed[i] = create(gateway, token, key, 201);
            replayed[i] = create(gateway, token, key, 201);
        }
        System.out.println("job create, ms (" + samples + " samples each):");
        Latencies.report("without Idempotency-Key (baseline)", plain, "with a fresh Idempotency-Key", keyed);
        Latencies.report("without Idempotency-Key (baseline)", plain, "the same key again (replayed)", replayed);
    }

    private static long create(String gateway, String token, String key, int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + "/api/v2/jobs"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"command\":\"true\"}"));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        long t0 = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - t0;
        if (response.statusCode() != status) {
            throw new IllegalStateException("create answered " + response.statusCode() + ": " + response.body());
        }
        return elapsed;
    }
}
