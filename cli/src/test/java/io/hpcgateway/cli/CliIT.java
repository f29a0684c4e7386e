package io.hpcgateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.cli.support.Cli;
import io.hpcgateway.cli.support.CuttingProxy;
import io.hpcgateway.gateway.support.FrontendProcess;
import io.hpcgateway.gateway.support.GatewayProcess;
import io.hpcgateway.gateway.support.TaskWorkerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code hpcgw} as a process against the packaged gateway and front end (on the real SLURM in
 * CI), logged in with the embedded default's dev tokens: the job flow, the template lifecycle
 * from keygen to revoke, 200 MiB transfers that resume after a cut connection, every exit code,
 * and the JSON output parsed.
 */
class CliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    static FrontendProcess frontend;
    static GatewayProcess gateway;
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        frontend = new FrontendProcess();
        Map<String, String> config = new HashMap<>(frontend.start());
        config.put("gateway.billing.promo-codes.CLI10", "1000");
        // The task farm's pilots run the build tree's worker and pi image, and call this gateway back.
        int port = FrontendProcess.freePort();
        config.put("gateway.tasks.pilot.worker-command", TaskWorkerProcess.WORKER.toString());
        config.put("gateway.tasks.images.pi.command", TaskWorkerProcess.PI_IMAGE.toString());
        config.put("gateway.tasks.pilot.gateway-url", "http://127.0.0.1:" + port);
        config.put("gateway.tasks.idle-timeout", "5s");
        config.put("gateway.tasks.scale-interval", "1s");
        data = Files.createTempDirectory(Files.createDirectories(FrontendProcess.DATA), "cli-");
        gateway = new GatewayProcess(data, config, Map.of(), port);
        gateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.stop();
        }
        if (frontend != null) {
            frontend.stop();
        }
    }

    /** A user with a home of their own, logged in with a dev token carrying these roles. */
    static Cli loggedIn(String user, String roles) throws IOException {
        return loggedIn(user, roles, gateway.url());
    }

    static Cli loggedIn(String user, String roles, String url) throws IOException {
        Cli cli = new Cli(Files.createTempDirectory(data, user + "-"), url);
        Cli.Result login = cli.run("login", "--dev", user, "--roles", roles, "--dev-key-dir", FrontendProcess.KEYS.toString());
        assertEquals(0, login.code(), login.toString());
        return cli;
    }

    @Test
    void loginCachesAnOwnerOnlySessionAndLogoutForgetsIt() throws Exception {
        Cli alice = loggedIn("alice", "user");
        Path credentials = alice.home().resolve(".config/hpcgw/credentials.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.getParent())));
        assertEquals("alice", alice.json("whoami").path("clusterUser").asText());
        assertTrue(alice.run("whoami", "-o", "yaml").out().contains("clusterUser: alice"));

        // An expired dev session is renewed by signing a new token: the command still works.
        ObjectNode sessions = (ObjectNode) JSON.readTree(credentials.toFile());
        String before = sessions.path(gateway.url()).path("access_token").asText();
        ((ObjectNode) sessions.get(gateway.url())).put("expires_at", 0);
        Files.writeString(credentials, sessions.toString());
        assertEquals("alice", alice.json("whoami").path("clusterUser").asText());
        assertFalse(before.equals(JSON.readTree(credentials.toFile()).path(gateway.url()).path("access_token").asText()));

        assertEquals(0, alice.run("logout").code());
        Cli.Result after = alice.run("whoami");
        assertEquals(ExitCodes.AUTH, after.code(), after.toString());
        assertTrue(after.err().contains("hpcgw login"), after.err());
    }

    @Test
    void theTaskFarmFromTheCommandLine() throws Exception {
        Cli carol = loggedIn("carol", "user");
        Path tasks = carol.home().resolve("tasks.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 25; i++) {
            lines.append("{\"type\":\"monte-carlo-pi\",\"version\":\"1.0\",\"payload\":{\"samples\":100000,\"seed\":")
                    .append(i).append("}}\n");
        }
        lines.append("[{\"type\":\"monte-carlo-pi\",\"version\":\"1.0\",\"payload\":{\"samples\":100000,\"seed\":26}},"
                + "{\"type\":\"monte-carlo-pi\",\"version\":\"1.0\",\"name\":\"last\",\"payload\":{\"samples\":100000}}]\n");
        Files.writeString(tasks, lines);
        Cli.Result submitted = carol.run("tasks", "submit", tasks.toString(), "--wait", "-o", "json");
        assertEquals(0, submitted.code(), submitted.toString());
        JsonNode batch = submitted.json().get(0);
        assertEquals(27, batch.path("states").path("completed").asInt(), batch.toString());
        String id = batch.path("id").asText();

        Cli.Result results = carol.run("tasks", "results", id);
        assertEquals(0, results.code(), results.toString());
        String[] rows = results.out().strip().split("\n");
        assertEquals(27, rows.length, results.out());
        for (String row : rows) {
            JsonNode task = JSON.readTree(row);
            assertEquals("completed", task.path("state").asText(), row);
            double pi = task.path("result").path("pi").asDouble();
            assertTrue(pi > 2.9 && pi < 3.4, row);
        }
        assertEquals("last", JSON.readTree(rows[26]).path("name").asText());
        assertEquals(id, carol.json("tasks", "status", id).get(0).path("id").asText());
        assertTrue(carol.json("tasks", "workers").get(0).path("jobId").isTextual(), "a pilot job ran the tasks");

        Files.writeString(tasks, "{\"type\": \"monte-carlo-pi\", not json\n");
        Cli.Result bad = carol.run("tasks", "submit", tasks.toString());
        assertEquals(ExitCodes.USAGE, bad.code(), bad.toString());
        Files.writeString(tasks, "{\"type\": \"no-such-type\", \"version\": \"1\"}\n");
        Cli.Result unmapped = carol.run("tasks", "submit", tasks.toString());
        assertEquals(ExitCodes.INVALID, unmapped.code(), unmapped.toString());
        assertTrue(unmapped.err().contains("no-such-type"), unmapped.err());
    }

    @Test
    void webhooksFromTheCommandLine() throws Exception {
        Cli dave = loggedIn("dave", "user");
        Cli.Result added = dave.run("webhooks", "add", "https://93.184.215.14/hooks", "--event", "job.completed",
                "-o", "json");
        assertEquals(0, added.code(), added.toString());
        String id = added.json().path("id").asText();
        assertTrue(added.json().path("secret").asText().startsWith("whsec_"), added.out());
        JsonNode listed = dave.json("webhooks", "list");
        assertEquals(id, listed.get(0).path("id").asText());
        assertTrue(listed.get(0).path("secret").isMissingNode(), "the secret is shown once only");
        assertEquals(0, dave.json("webhooks", "deliveries", id).size());
        JsonNode rotated = dave.json("webhooks", "rotate", id);
        assertTrue(rotated.path("secret").asText().startsWith("whsec_"), rotated.toString());
        assertFalse(rotated.path("secret").asText().equals(added.json().path("secret").asText()));
        Cli.Result forbidden = dave.run("webhooks", "add", "https://169.254.169.254/latest");
        assertEquals(ExitCodes.INVALID, forbidden.code(), forbidden.toString());
        assertTrue(forbidden.err().contains("may not reach"), forbidden.err());
        assertEquals(0, dave.run("webhooks", "rm", id).code());
        assertEquals(ExitCodes.NOT_FOUND, dave.run("webhooks", "deliveries", id).code());
    }

    @Test
    void placementFromTheCommandLine() throws Exception {
        Cli erin = loggedIn("erin", "user");
        String placed = erin.json("jobs", "create", "--name", "placed", "--command", "true", "--region", "eu-central")
                .path("id").asText();
        Cli.Result why = erin.run("jobs", "placement", placed);
        assertEquals(0, why.code(), why.toString());
        assertTrue(why.out().startsWith("Placed on local"), why.out());
        assertTrue(why.out().contains("CLUSTER") && why.out().contains("WHY NOT"), why.out());
        JsonNode decision = erin.json("jobs", "placement", placed);
        assertEquals("eu-central", decision.path("region").asText());
        assertEquals(placed, decision.path("jobId").asText());
        String named = erin.json("jobs", "create", "--name", "named", "--command", "true", "--cluster", "local")
                .path("id").asText();
        Cli.Result nothing = erin.run("jobs", "placement", named);
        assertEquals(ExitCodes.NOT_FOUND, nothing.code(), nothing.toString());
        assertTrue(nothing.err().contains("by name"), nothing.err());
        Cli.Result bad = erin.run("jobs", "create", "--command", "true", "--region", "Mars!");
        assertEquals(ExitCodes.INVALID, bad.code(), bad.toString());
        assertTrue(erin.run("clusters").out().contains("RATE BPS"));
    }

    @Test
    void theWholeJobFlow() throws Exception {
        Cli alice = loggedIn("alice", "user");
        String id = alice.json("jobs", "create", "--name", "cli-flow", "--command",
                "echo from-the-cli; tr a-z A-Z < in.txt > out.txt").path("id").asText();
        Path input = alice.home().resolve("in.txt");
        Files.writeString(input, "shout this\n");
        Path extra = alice.home().resolve("extra.txt");
        Files.writeString(extra, "a second file\n");
        JsonNode put = alice.json("files", "put", id, input.toString(), extra.toString());
        assertEquals(sha256(input), put.get(0).path("sha256").asText());
        assertEquals(sha256(extra), put.get(1).path("sha256").asText());
        assertTrue(alice.json("jobs", "launch", id).path("schedulerJobId").isNumber(), "launched");
        Cli.Result watch = alice.run("jobs", "watch", id, "--interval", "0.5", "-o", "json");
        assertEquals(0, watch.code(), watch.toString());
        assertEquals(0, watch.json().path("exitCode").asInt(-1));
        assertTrue(alice.run("jobs", "logs", id).out().contains("from-the-cli"));
        JsonNode files = alice.json("files", "ls", id);
        assertTrue(names(files).contains("out.txt"), files.toString());
        Path output = alice.home().resolve("out.txt");
        assertEquals(0, alice.run("files", "get", id, "out.txt", "-O", output.toString()).code());
        assertEquals("SHOUT THIS\n", Files.readString(output));
        JsonNode completed = alice.json("jobs", "list", "--state", "completed");
        assertTrue(StreamSupport.stream(completed.path("items").spliterator(), false)
                .anyMatch(j -> j.path("id").asText().equals(id)), completed.toString());
        assertTrue(alice.run("jobs", "list").out().contains("cli-flow"), "the table names the job");

        // Usage and the charge follow from SLURM's accounting; the charge is final once the last record is in.
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        JsonNode charge = alice.json("charges", id);
        while (!charge.path("status").asText().equals("final") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            charge = alice.json("charges", id);
        }
        assertEquals("final", charge.path("status").asText(), charge.toString());
        assertTrue(StreamSupport.stream(alice.json("usage").spliterator(), false)
                .anyMatch(r -> r.path("job_id").asText().equals(id)));
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        assertTrue(alice.json("invoice", month).has("total"));
        assertEquals("open", alice.json("dispute", id, "--reason", "a test of the command line").path("status").asText()
                .toLowerCase());
        assertEquals(1000, alice.json("promo", "CLI10").path("discountBps").asInt());

        assertEquals(0, alice.run("jobs", "delete", id).code());
        assertEquals(ExitCodes.NOT_FOUND, alice.run("jobs", "show", id).code());
    }

    @Test
    void watchExitsByTheJobsOutcome() throws Exception {
        Cli alice = loggedIn("alice", "user");
        String failing = alice.json("jobs", "create", "--command", "exit 3", "--launch").path("id").asText();
        Cli.Result failed = alice.run("jobs", "watch", failing, "--interval", "0.5", "-o", "json");
        assertEquals(ExitCodes.JOB_UNSUCCESSFUL, failed.code(), failed.toString());
        assertEquals(3, failed.json().path("exitCode").asInt());

        String sleeping = alice.json("jobs", "create", "--command", "sleep 300", "--launch").path("id").asText();
        assertEquals(0, alice.run("jobs", "cancel", sleeping).code());
        Cli.Result cancelled = alice.run("jobs", "watch", sleeping, "--interval", "0.5", "-o", "json");
        assertEquals(ExitCodes.JOB_UNSUCCESSFUL, cancelled.code());
        assertEquals("cancelled", cancelled.json().path("state").asText());
        Cli.Result again = alice.run("jobs", "cancel", sleeping);
        assertEquals(ExitCodes.CONFLICT, again.code(), again.toString());

        JsonNode estimate = alice.json("jobs", "create", "--template", "batch-standard", "--param", "script=run.sh",
                "--param", "threads=2", "--cpus-per-node", "2", "--time", "0:30:00", "--dry-run");
        JsonNode plan = estimate.path("plan");
        assertTrue(plan.path("script").asText().contains("#SBATCH --time=30"), plan.toString());
        assertEquals("2", plan.path("parameters").path("threads").asText());
        assertTrue(estimate.path("basis").asText().contains("2 CPU(s)"), estimate.toString());
        assertTrue(estimate.path("invoice").path("total").asLong() > 0, estimate.toString());
        assertTrue(alice.run("jobs", "create", "--command", "true", "--dry-run").out().contains("estimated charge: at most"));
    }

    @Test
    void theTemplateLifecycleFromKeygenToRevoke() throws Exception {
        Cli provider = loggedIn("bob", "user,provider");
        Cli admin = loggedIn("carol", "user,admin");
        Cli user = loggedIn("alice", "user");
        String templateId = "cli-sim-" + UUID.randomUUID().toString().substring(0, 8);
        String ref = templateId + "@1.0.0";

        Path key = provider.home().resolve("provider.key");
        String publicKey = provider.json("templates", "keygen", "--out", key.toString()).path("publicKey").asText();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals(0, admin.run("templates", "register-key", "bob", publicKey).code());

        ObjectNode manifest = (ObjectNode) JSON.readTree(CliIT.class.getResourceAsStream("/cli-simulation.json"));
        manifest.put("template_id", templateId);
        Path unsigned = provider.home().resolve("manifest.json");
        Files.writeString(unsigned, manifest.toPrettyString());
        Path signed = provider.home().resolve("manifest.signed.json");
        assertEquals(0, provider.run("templates", "sign", unsigned.toString(), "--key", key.toString(), "--out",
                signed.toString()).code());
        assertTrue(provider.json("templates", "verify", signed.toString()).path("valid").asBoolean());

        ObjectNode tampered = (ObjectNode) JSON.readTree(signed.toFile());
        tampered.put("description", "changed after signing");
        Path changed = provider.home().resolve("tampered.json");
        Files.writeString(changed, tampered.toString());
        Cli.Result refused = provider.run("templates", "verify", changed.toString(), "-o", "json");
        assertEquals(ExitCodes.INVALID, refused.code(), refused.toString());
        assertTrue(refused.json().path("signature").asText().contains("hash mismatch"));

        assertEquals("pending", provider.json("templates", "submit", signed.toString()).path("status").asText());
        assertTrue(admin.run("templates", "list", "--status", "pending").out().contains(ref));
        assertEquals(ExitCodes.AUTH, user.run("templates", "approve", ref).code(), "only admins approve");
        assertEquals("approved", admin.json("templates", "approve", ref, "--reason", "reviewed").path("status").asText());
        assertEquals(ref, user.json("templates", "show", templateId).path("id").asText());
        assertTrue(user.json("jobs", "create", "--template", ref, "--param", "script=run.sh", "--dry-run")
                .path("plan").path("script").asText().contains("OMP_NUM_THREADS"));
        assertEquals("deprecated", provider.json("templates", "deprecate", ref, "--reason", "use 2.0.0")
                .path("status").asText());
        assertEquals("revoked", admin.json("templates", "revoke", ref, "--security-reason", "a flaw in the image")
                .path("status").asText());
        Cli.Result afterRevoke = user.run("jobs", "create", "--template", ref, "--param", "script=run.sh");
        assertEquals(ExitCodes.INVALID, afterRevoke.code(), afterRevoke.toString());
    }

    @Test
    void twoHundredMebibyteTransfersResumeAfterTheirConnectionIsCut() throws Exception {
        try (CuttingProxy proxy = new CuttingProxy(gateway.port())) {
            Cli alice = loggedIn("alice", "user", proxy.url());
            String id = alice.json("jobs", "create", "--command", "true").path("id").asText();
            Path big = alice.home().resolve("big.bin");
            write(big, 200L << 20);
            String sha = sha256(big);

            proxy.arm(CuttingProxy.Fault.CUT_UPLOAD, 70L << 20);
            Cli.Result put = alice.run("files", "put", id, big.toString(), "--progress", "always", "-o", "json");
            assertEquals(0, put.code(), put.toString());
            assertEquals(1, proxy.faults(), "the upload's connection was cut once");
            assertTrue(put.err().contains("resuming at"), put.err());
            assertTrue(put.err().contains("100%") && put.err().contains("MiB/s") && put.err().contains("ETA"), put.err());
            assertEquals(sha, put.json().get(0).path("sha256").asText());

            Path back = alice.home().resolve("back.bin");
            proxy.arm(CuttingProxy.Fault.CUT_DOWNLOAD, 90L << 20);
            Cli.Result get = alice.run("files", "get", id, "big.bin", "-O", back.toString(), "--progress", "always",
                    "-o", "json");
            assertEquals(0, get.code(), get.toString());
            assertEquals(2, proxy.faults(), "the download's connection was cut once");
            assertTrue(get.err().contains("resuming the download"), get.err());
            assertEquals(sha, sha256(back));
            assertEquals(sha, get.json().path("sha256").asText());

            // A byte changed on the way: the download is refused and nothing is kept.
            Path damaged = alice.home().resolve("damaged.bin");
            proxy.arm(CuttingProxy.Fault.CORRUPT_DOWNLOAD, 10L << 20);
            Cli.Result corrupt = alice.run("files", "get", id, "big.bin", "-O", damaged.toString());
            assertEquals(ExitCodes.INTEGRITY, corrupt.code(), corrupt.toString());
            assertFalse(Files.exists(damaged) || Files.exists(damaged.resolveSibling("damaged.bin.part")));
            Files.delete(big);
            Files.delete(back);
        }
    }

    @Test
    void everyFailureHasItsExitCodeAndOneLineWithoutAStackTrace() throws Exception {
        Cli alice = loggedIn("alice", "user");
        Cli nobody = new Cli(Files.createTempDirectory(data, "nobody-"), gateway.url());
        Map<Integer, Cli.Result> results = new HashMap<>();
        results.put(ExitCodes.USAGE, alice.run("jobs", "create", "--nodes", "2"));
        results.put(ExitCodes.AUTH, nobody.run("whoami"));
        results.put(ExitCodes.NOT_FOUND, alice.run("jobs", "show", "no-such-job"));
        results.put(ExitCodes.INVALID, alice.run("jobs", "list", "--state", "bogus"));
        results.put(ExitCodes.SERVER, new Cli(nobody.home(), "http://127.0.0.1:" + closedPort())
                .with("HPCGW_TOKEN", "x").run("whoami"));
        results.forEach((code, result) -> {
            assertEquals(code, result.code(), result.toString());
            assertFalse(result.err().contains("Exception") || result.err().contains("\tat "), result.err());
        });
        Cli.Result badToken = nobody.with("HPCGW_TOKEN", "not-a-token").run("whoami");
        assertEquals(ExitCodes.AUTH, badToken.code());
        assertTrue(badToken.err().startsWith("hpcgw: "), badToken.err());
    }

    @Test
    void operationsCompletionAndConfiguration() throws Exception {
        Cli admin = loggedIn("carol", "user,admin");
        Cli.Result health = admin.run("health");
        assertEquals(0, health.code(), health.toString());
        for (String line : new String[] {"Scheduler Type: SLURM", "Connection: OK", "Authentication: OK",
                "Queue Access: OK", "Last Job Poll: ", "Active Jobs: ", "Pending Reports: "}) {
            assertTrue(health.out().contains(line), health.out());
        }
        assertEquals(ExitCodes.AUTH, loggedIn("alice", "user").run("health").code(), "admins only");
        JsonNode clusters = admin.json("clusters");
        assertTrue(names(clusters, "name").contains("local"), clusters.toString());
        assertTrue(admin.run("completion", "bash").out().contains("complete -F"));
        assertTrue(admin.run("completion", "zsh").out().contains("bashcompinit"));
        JsonNode settings = admin.json("config");
        JsonNode gatewaySetting = StreamSupport.stream(settings.spliterator(), false)
                .filter(s -> s.path("setting").asText().equals("gateway")).findFirst().orElseThrow();
        assertEquals("HPCGW_GATEWAY", gatewaySetting.path("from").asText());
        assertEquals(gateway.url(), gatewaySetting.path("value").asText());
        Path config = admin.home().resolve(".config/hpcgw/config.toml");
        Files.writeString(config, "output = \"json\"\n");
        assertTrue(admin.run("whoami").out().strip().startsWith("{"), "the file's output setting applies");
    }

    private static java.util.List<String> names(JsonNode files) {
        return names(files, "path");
    }

    private static java.util.List<String> names(JsonNode rows, String field) {
        return StreamSupport.stream(rows.spliterator(), false).map(f -> f.path(field).asText()).toList();
    }

    private static void write(Path file, long size) throws IOException {
        Random random = new Random(200);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static int closedPort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
