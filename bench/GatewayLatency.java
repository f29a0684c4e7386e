import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway against the cluster front end behind it, measured in one run on the same SLURM:
 * job-state GET latency (p50/p99) and launches per second against direct submissions.
 * Run by bench/gateway-latency.sh.
 *
 *   java -cp <classes of bench/*.java> GatewayLatency <gateway URL> <front end URL> <system> <token> <work dir> <samples>
 */
public class GatewayLatency {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern SCHEDULER_ID = Pattern.compile("\"schedulerJobId\":(\\d+)");
    private static final Pattern JOB_ID = Pattern.compile("\"jobId\":(\\d+)");

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static String token;

    public static void main(String[] args) throws Exception {
        String gateway = args[0], frontend = args[1], system = args[2], workDir = args[4];
        token = args[3];
        int samples = Integer.parseInt(args[5]);
        List<String> schedulerIds = new ArrayList<>();

        // Jobs created (untimed) to be launched, warm-up included.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < samples + 10; i++) {
            ids.add(match(ID, send("POST", gateway + "/api/v2/jobs",
                    "{\"name\":\"bench\",\"command\":\"sleep 120\"}", 201)));
        }
        for (int i = 0; i < 10; i++) { // warm-up of both paths
            schedulerIds.add(match(SCHEDULER_ID, send("POST", gateway + "/api/v2/jobs/" + ids.get(i) + "/launch", "", 200)));
            schedulerIds.add(match(JOB_ID, send("POST", frontend + "/compute/" + system + "/jobs", submitBody(workDir), 201)));
        }
        long[] launch = new long[samples];
        long[] submit = new long[samples];
        for (int i = 0; i < samples; i++) { // interleaved, so drift hits both sides alike
            long t0 = System.nanoTime();
            schedulerIds.add(match(SCHEDULER_ID,
                    send("POST", gateway + "/api/v2/jobs/" + ids.get(10 + i) + "/launch", "", 200)));
            launch[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            schedulerIds.add(match(JOB_ID, send("POST", frontend + "/compute/" + system + "/jobs", submitBody(workDir), 201)));
            submit[i] = System.nanoTime() - t0;
        }
        long[] viaGateway = new long[samples];
        long[] direct = new long[samples];
        for (int i = 0; i < samples; i++) {
            String id = ids.get(10 + i);
            String schedulerId = schedulerIds.get(20 + 2 * i);
            long t0 = System.nanoTime();
            send("GET", gateway + "/api/v2/jobs/" + id, null, 200);
            viaGateway[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            send("GET", frontend + "/compute/" + system + "/jobs/" + schedulerId, null, 200);
            direct[i] = System.nanoTime() - t0;
        }
        new ProcessBuilder(concat("scancel", schedulerIds)).inheritIO().start().waitFor();

        System.out.printf("gateway vs the cluster front end behind it, %d samples each (ms)%n", samples);
        Latencies.report("state: GET front end /compute/{system}/jobs/{id}", direct,
                "state: GET gateway /api/v2/jobs/{id}", viaGateway);
        Latencies.report("submit: POST front end /compute/{system}/jobs", submit,
                "launch: POST gateway /api/v2/jobs/{id}/launch", launch);
        System.out.printf("  launches per second: gateway %.1f, direct submits %.1f (ratio %.2fx)%n",
                perSecond(launch), perSecond(submit), perSecond(launch) / perSecond(submit));
    }

    private static String submitBody(String workDir) {
        return "{\"job\":{\"name\":\"bench-direct\",\"workingDirectory\":\"" + workDir
                + "\",\"script\":\"#!/bin/bash\\nsleep 120\\n\"}}";
    }

    static String send(String method, String url, String body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + text);
        }
        return m.group(1);
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static double perSecond(long[] nanos) {
        return nanos.length / (Arrays.stream(nanos).sum() / 1e9);
    }
}
