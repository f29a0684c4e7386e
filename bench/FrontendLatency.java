import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Submit and job-status latency through the cluster front end against calling sbatch / squeue
 * directly, measured in one run on the same SLURM, printed as p50/p99 and ratios.
 * Run by bench/frontend-latency.sh, which starts the front end and supplies a token.
 *
 *   java -cp <classes of bench/*.java> FrontendLatency <front end URL> <system> <token> <work dir> <samples>
 */
public class FrontendLatency {

    private static final String SCRIPT = "#!/bin/bash\nsleep 120\n";
    private static final String NAME = "bench-latency";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String system = args[1];
        String token = args[2];
        String workDir = args[3];
        int samples = Integer.parseInt(args[4]);
        // HTTP/1.1 with keep-alive, as FirecREST clients talk; the default would try an h2c upgrade.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Long> submitted = new ArrayList<>();

        // Warm both paths (JIT, connection, slurmctld caches) before measuring.
        for (int i = 0; i < 20; i++) {
            submitted.add(viaFrontEnd(http, url, system, token, workDir));
            submitted.add(direct(workDir));
        }
        long[] directSubmit = new long[samples];
        long[] frontSubmit = new long[samples];
        for (int i = 0; i < samples; i++) { // interleaved, so drift hits both sides alike
            long t0 = System.nanoTime();
            submitted.add(direct(workDir));
            directSubmit[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            submitted.add(viaFrontEnd(http, url, system, token, workDir));
            frontSubmit[i] = System.nanoTime() - t0;
        }
        long[] directStatus = new long[samples];
        long[] frontStatus = new long[samples];
        for (int i = 0; i < samples; i++) {
            long id = submitted.get(i % submitted.size());
            long t0 = System.nanoTime();
            run(List.of("squeue", "--noheader", "--jobs=" + id, "--format=%A %T %r %M %l %S %e %P %Z"), null);
            directStatus[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/compute/" + system + "/jobs/" + id))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            frontStatus[i] = System.nanoTime() - t0;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("status of " + id + " answered " + r.statusCode() + ": " + r.body());
            }
        }
        long[] liveness = new long[samples];
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            http.send(HttpRequest.newBuilder(URI.create(url + "/status/liveness/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            liveness[i] = System.nanoTime() - t0;
        }
        run(List.of("scancel", "--name=" + NAME), null);

        System.out.printf("front end latency vs SLURM CLI, %d samples each (ms)%n", samples);
        Latencies.report("submit: sbatch", directSubmit, "submit: POST /compute/{system}/jobs", frontSubmit);
        Latencies.report("status: squeue -j", directStatus, "status: GET /compute/{system}/jobs/{id}", frontStatus);
        System.out.printf("  %-50s p50 %7.2f  p99 %7.2f   (HTTP alone: no token, no command)%n",
                "GET /status/liveness/", Latencies.percentile(liveness, 50), Latencies.percentile(liveness, 99));
    }

    private static long viaFrontEnd(HttpClient http, String url, String system, String token, String workDir)
            throws IOException, InterruptedException {
        String body = "{\"job\":{\"name\":\"" + NAME + "\",\"workingDirectory\":\"" + workDir + "\",\"script\":\""
                + SCRIPT.replace("\n", "\\n") + "\"}}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/compute/" + system + "/jobs"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("submit answered " + r.statusCode() + ": " + r.body());
        }
        return Long.parseLong(r.body().replaceAll("\\D", ""));
    }

    private static long direct(String workDir) throws IOException, InterruptedException {
        return Long.parseLong(run(List.of("sbatch", "--parsable", "--job-name=" + NAME, "--chdir=" + workDir), SCRIPT)
                .strip().split(";")[0]);
    }

    private static String run(List<String> argv, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(argv.get(0) + " failed: " + out);
        }
        return out;
    }
}
