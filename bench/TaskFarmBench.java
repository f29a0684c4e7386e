import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The task farm against one sbatch per task, in one run on the real SLURM (bench/task-farm.sh).
 *
 *   queued <gateway> <token> <gateway pid> <batches>      CPU and memory of the gateway per 1,000 queued tasks
 *   farm <gateway> <token> <tasks> <samples> <sbatch sample> <workers>
 *
 * The baseline is a sample of sbatch jobs of 'sleep 0.01' (the task's ~10 ms without the JVM a
 * per-task job of the pi program would also start: the baseline's best case), submitted back to
 * back and waited for; its time is extrapolated to the farm's task count.
 */
public class TaskFarmBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final Pattern NUMBER = Pattern.compile("\"%s\"\\s*:\\s*(-?[0-9.]+)");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "queued" -> queued(args[1], args[2], Long.parseLong(args[3]), Integer.parseInt(args[4]));
            case "farm" -> farm(args[1], args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void queued(String gateway, String token, long pid, int batches) throws Exception {
        submit(gateway, token, 10_000, 1000); // warm-up: classes loaded, JIT, the collections made
        System.gc();
        long cpu0 = cpuMillis(pid);
        long rss0 = rssKb(pid);
        long t0 = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            submit(gateway, token, 10_000, 1000);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = cpuMillis(pid) - cpu0;
        long rss = rssKb(pid) - rss0;
        int thousands = batches * 10;
        System.out.printf("queueing %,d tasks (%d submissions of 10,000): %.1f s, %,.0f tasks/s%n", batches * 10_000,
                batches, seconds, batches * 10_000 / seconds);
        System.out.printf("gateway per 1,000 queued tasks: %.1f ms of CPU, %,d KiB more resident memory "
                + "(the embedded database included; its RSS is %,d KiB)%n", (double) cpu / thousands, rss / thousands,
                rssKb(pid));
    }

    static void farm(String gateway, String token, int n, long samples, int sample, int workers) throws Exception {
        double perJob = sbatchSeconds(sample);
        long t0 = System.nanoTime();
        String batch = field(submit(gateway, token, n, samples), "id");
        double firstResult = -1;
        int most = 0;
        String view;
        // Quick looks until the first result (the cold start), then one a second, as hpcgw tasks --wait does:
        // each look is two aggregations over the batch, work the farm would otherwise not do.
        while (true) {
            view = get(gateway, token, "/api/v2/tasks/batches/" + batch);
            double now = (System.nanoTime() - t0) / 1e9;
            if (firstResult < 0 && view.contains("\"completed\"")) {
                firstResult = now;
            }
            if (view.contains("\"finishedAt\"")) {
                break;
            }
            if (firstResult >= 0) {
                most = Math.max(most, count(get(gateway, token, "/api/v2/tasks/workers"), "\"state\":\"active\""));
            }
            Thread.sleep(firstResult < 0 ? 100 : 1000); // polling a remote service at a fixed pace: what a client does
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long drainStart = System.nanoTime();
        while (counting(get(gateway, token, "/api/v2/tasks/workers")) > 0) {
            Thread.sleep(200);
        }
        double toZero = (System.nanoTime() - drainStart) / 1e9;
        List<Ran> ran = ran(gateway, token, batch);
        long[] millis = ran.stream().mapToLong(Ran::millis).sorted().toArray();
        long busy = Arrays.stream(millis).sum();
        long[] gaps = gaps(ran);
        double steady = wall - firstResult;
        double overheadMs = (most * steady * 1000 - busy) / n;
        double baseline = perJob * n;
        System.out.printf("%,d tasks of %,d samples (median execution %d ms, as the workers measured it) on up to %d "
                + "workers:%n", n, samples, millis[millis.length / 2], most);
        System.out.printf("  one sbatch per task (baseline): %.3f s per job over %d jobs of 'sleep 0.01', "
                + "extrapolated to %,d: %.0f s%n", perJob, sample, n, baseline);
        System.out.printf("  through the farm: %.1f s from the submission to the last result%n", wall);
        System.out.printf("  ratio: %.0fx faster than one sbatch per task%n", baseline / wall);
        System.out.printf("  overhead per task: median %d ms, p90 %d ms from one task's end to the next one's start "
                + "on the same worker (worker clock, ms resolution, %,d gaps)%n", gaps[gaps.length / 2],
                gaps[gaps.length * 9 / 10], gaps.length);
        System.out.printf("  overhead per task, steady state: %.2f ms mean (%d workers x %.1f s after the first result, "
                + "minus %.1f s of execution, over %,d tasks)%n", overheadMs, most, steady, busy / 1000.0, n);
        System.out.printf("  cold start, zero workers to the first result: %.1f s (a pilot queued, started, its JVMs "
                + "up)%n", firstResult);
        System.out.printf("  back to zero workers after the last result: %.1f s (the idle timeout is part of it)%n",
                toZero);
    }

    /** Seconds per job of a sample of sbatch jobs submitted back to back and waited for. */
    static double sbatchSeconds(int sample) throws Exception {
        long t0 = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < sample; i++) {
            ids.add(run("sbatch", "--parsable", "-o", "/dev/null", "-n", "1", "--mem=100", "--wrap", "sleep 0.01").strip());
        }
        String list = String.join(",", ids);
        while (!run("squeue", "-h", "-j", list).isBlank()) {
            Thread.sleep(50);
        }
        return (System.nanoTime() - t0) / 1e9 / sample;
    }

    /** A finished task as its worker reported it. */
    record Ran(String worker, long startedAt, long millis) {}

    static List<Ran> ran(String gateway, String token, String batch) throws Exception {
        List<Ran> out = new ArrayList<>();
        Pattern task = Pattern.compile("\"executionMillis\":(\\d+),\"worker\":\"([^\"]+)\",\"createdAt\":\"[^\"]+\","
                + "\"startedAt\":\"([^\"]+)\"");
        String after = "-1";
        while (after != null) {
            String page = get(gateway, token, "/api/v2/tasks?batch=" + batch + "&limit=1000&after=" + after);
            Matcher m = task.matcher(page);
            while (m.find()) {
                out.add(new Ran(m.group(2), Instant.parse(m.group(3)).toEpochMilli(), Long.parseLong(m.group(1))));
            }
            Matcher next = Pattern.compile(String.format(NUMBER.pattern(), "next")).matcher(page);
            after = next.find() ? next.group(1) : null;
        }
        return out;
    }

    /** Per worker, the time from one task's end to the next one's start: what the farm adds per task. */
    static long[] gaps(List<Ran> ran) {
        Map<String, List<Ran>> byWorker = new HashMap<>();
        ran.forEach(r -> byWorker.computeIfAbsent(r.worker(), w -> new ArrayList<>()).add(r));
        List<Long> gaps = new ArrayList<>();
        for (List<Ran> tasks : byWorker.values()) {
            tasks.sort(Comparator.comparingLong(Ran::startedAt));
            for (int i = 1; i < tasks.size(); i++) {
                gaps.add(tasks.get(i).startedAt() - tasks.get(i - 1).startedAt() - tasks.get(i - 1).millis());
            }
        }
        return gaps.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    static String submit(String gateway, String token, int n, long samples) throws Exception {
        StringBuilder body = new StringBuilder("{\"tasks\":[");
        for (int i = 0; i < n; i++) {
            body.append(i == 0 ? "" : ",").append("{\"type\":\"monte-carlo-pi\",\"version\":\"bench\",\"payload\":")
                    .append("{\"samples\":").append(samples).append(",\"seed\":").append(i + 1).append("}}");
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v2/tasks"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("submit answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String get(String gateway, String token, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static int counting(String workers) {
        return count(workers, "\"state\":\"active\"") + count(workers, "\"state\":\"starting\"");
    }

    static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
        return out;
    }

    static long cpuMillis(long pid) throws IOException {
        String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll(".*\\) ", "").split(" ");
        return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * 10; // utime + stime, in 100 Hz ticks
    }

    static long rssKb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
    }
}
