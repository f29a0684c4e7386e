import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Submit and job-state latency through two front ends on the same SLURM, one per identity mode,
 * interleaved in one run: the baseline runs every command as its own service account, the other as
 * the user over SSH (pooled sessions). Printed as p50/p99 and ratios. Run by bench/identity-modes.sh.
 *
 *   java IdentityModes <system> <samples> <baseline URL> <token> <work dir> <ssh URL> <token> <work dir>
 */
public class IdentityModes {

    private static final String SCRIPT = "#!/bin/bash\\nsleep 120\\n";

    private record FrontEnd(String url, String token, String workDir) {}

    public static void main(String[] args) throws Exception {
        String system = args[0];
        int samples = Integer.parseInt(args[1]);
        FrontEnd baseline = new FrontEnd(args[2], args[3], args[4]);
        FrontEnd ssh = new FrontEnd(args[5], args[6], args[7]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Long> baseIds = new ArrayList<>();
        List<Long> sshIds = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // warm both: JIT, HTTP connection, the SSH session pool
            baseIds.add(submit(http, baseline, system));
            sshIds.add(submit(http, ssh, system));
        }
        long[] baseSubmit = new long[samples];
        long[] sshSubmit = new long[samples];
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            baseIds.add(submit(http, baseline, system));
            baseSubmit[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            sshIds.add(submit(http, ssh, system));
            sshSubmit[i] = System.nanoTime() - t0;
        }
        long[] baseState = new long[samples];
        long[] sshState = new long[samples];
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            state(http, baseline, system, baseIds.get(i % baseIds.size()));
            baseState[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            state(http, ssh, system, sshIds.get(i % sshIds.size()));
            sshState[i] = System.nanoTime() - t0;
        }
        System.out.printf("identity modes on the same SLURM, %d samples each (ms)%n", samples);
        Latencies.report("submit: service-account", baseSubmit, "submit: ssh (as the user)", sshSubmit);
        Latencies.report("state: service-account", baseState, "state: ssh (as the user)", sshState);
    }

    private static long submit(HttpClient http, FrontEnd to, String system) throws IOException, InterruptedException {
        String body = "{\"job\":{\"name\":\"bench-identity\",\"workingDirectory\":\"" + to.workDir()
                + "\",\"script\":\"" + SCRIPT + "\"}}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(to.url() + "/compute/" + system + "/jobs"))
                .header("Authorization", "Bearer " + to.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException(to.url() + " submit answered " + r.statusCode() + ": " + r.body());
        }
        return Long.parseLong(r.body().replaceAll("\\D", ""));
    }

    private static void state(HttpClient http, FrontEnd to, String system, long id)
            throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(to.url() + "/compute/" + system + "/jobs/"
                + id)).header("Authorization", "Bearer " + to.token()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(to.url() + " state of " + id + " answered " + r.statusCode() + ": " + r.body());
        }
    }
}
