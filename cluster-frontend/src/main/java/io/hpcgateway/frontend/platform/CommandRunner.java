package io.hpcgateway.frontend.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs external commands with an argument array (never a shell string), a clean environment, an
 * optional standard input and a deadline. The environment is rebuilt from scratch so that the
 * front end's own variables (which may hold secrets) never reach a command or a job.
 */
@ApplicationScoped
public class CommandRunner {

    /** Variables of the front end's environment that commands need to find SLURM and their tools. */
    private static final List<String> INHERITED = List.of("PATH", "SLURM_CONF", "TZ");

    /**
     * Reads the commands' stdout and stderr. Not the common pool: on a 2-core machine it has one
     * thread, so the two streams of one command would be read one after the other.
     */
    private final ExecutorService drains = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "command-output");
        thread.setDaemon(true);
        return thread;
    });

    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The first line of stderr, or of stdout when stderr is empty: what a client needs to see. */
        public String firstErrorLine() {
            String text = stderr.isBlank() ? stdout : stderr;
            return text.strip().lines().findFirst().orElse("exit code " + exitCode);
        }
    }

    public Result run(List<String> argv, String stdin, Map<String, String> extraEnv, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        Map<String, String> env = builder.environment();
        env.clear();
        INHERITED.forEach(name -> {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        });
        env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        env.put("LC_ALL", "C");
        env.putAll(extraEnv);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw ApiException.schedulerError("Cannot run " + argv.get(0) + ": " + e.getMessage());
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()), drains);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()), drains);
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The command closed its input early; its exit code and stderr tell what happened.
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw ApiException.timeout(argv.get(0) + " did not answer within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw ApiException.timeout(argv.get(0) + " was interrupted");
        }
    }

    private static String drain(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
