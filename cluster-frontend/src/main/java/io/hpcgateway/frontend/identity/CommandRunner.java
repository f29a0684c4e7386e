package io.hpcgateway.frontend.identity;

import io.hpcgateway.frontend.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs commands as an account (through the mode's {@link Launcher}) with an argument array, an
 * optional standard input and a deadline, and collects what they print, up to a limit.
 */
@ApplicationScoped
public class CommandRunner {

    /** Output kept of a command by default: SLURM's tables for thousands of jobs fit easily. */
    public static final long DEFAULT_OUTPUT_LIMIT = 64L * 1024 * 1024;

    private final Launcher launcher;

    /**
     * Reads the commands' stdout and stderr. Not the common pool: on a 2-core machine it has one
     * thread, so the two streams of one command would be read one after the other.
     */
    private final ExecutorService drains = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "command-output");
        thread.setDaemon(true);
        return thread;
    });

    public CommandRunner(Launcher launcher) {
        this.launcher = launcher;
    }

    public record Result(int exitCode, String stdout, String stderr, boolean truncated) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The first line of stderr, or of stdout when stderr is empty: what a client needs to see. */
        public String firstErrorLine() {
            String text = stderr.isBlank() ? stdout : stderr;
            return text.strip().lines().findFirst().orElse("exit code " + exitCode);
        }
    }

    public Result run(RunAs who, List<String> argv, String stdin, Map<String, String> env, Duration timeout) {
        byte[] input = stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8);
        return run(who, argv, input == null ? null : new ByteArrayInputStream(input), env, timeout,
                DEFAULT_OUTPUT_LIMIT);
    }

    /**
     * Runs to the end, feeding {@code stdin} (streamed, never held whole) and keeping at most
     * {@code outputLimit} bytes of stdout; a command that prints more is ended and its result
     * marked truncated.
     */
    public Result run(RunAs who, List<String> argv, InputStream stdin, Map<String, String> env, Duration timeout,
                      long outputLimit) {
        RunningCommand command = launcher.start(who, argv, env);
        CompletableFuture<Limited> out = CompletableFuture.supplyAsync(() -> drain(command.stdout(), outputLimit, command),
                drains);
        CompletableFuture<Limited> err = CompletableFuture.supplyAsync(() -> drain(command.stderr(), 64 * 1024, null),
                drains);
        feed(command.stdin(), stdin);
        try {
            OptionalInt exit = command.waitFor(timeout);
            if (exit.isEmpty()) {
                command.destroy();
                throw ApiException.timeout(argv.get(0) + " did not answer within " + timeout.toSeconds() + " s");
            }
            Limited stdout = out.join();
            return new Result(exit.getAsInt(), stdout.text(), err.join().text(), stdout.truncated());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            command.destroy();
            throw ApiException.timeout(argv.get(0) + " was interrupted");
        }
    }

    /** Starts a command whose output the caller streams (downloads); the caller must wait for or destroy it. */
    public RunningCommand start(RunAs who, List<String> argv, Map<String, String> env) {
        return launcher.start(who, argv, env);
    }

    private static void feed(OutputStream in, InputStream content) {
        try (in) {
            if (content != null) {
                content.transferTo(in);
            }
        } catch (IOException e) {
            // The command closed its input early; its exit code and stderr tell what happened.
        }
    }

    private record Limited(String text, boolean truncated) {}

    private static Limited drain(InputStream stream, long limit, RunningCommand stopWhenFull) {
        try (stream) {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] block = new byte[8192];
            int n;
            boolean truncated = false;
            while ((n = stream.read(block)) > 0) {
                int room = (int) Math.min(n, limit - kept.size());
                kept.write(block, 0, Math.max(0, room));
                if (room < n) {
                    truncated = true;
                    if (stopWhenFull != null) {
                        stopWhenFull.destroy();
                        break;
                    }
                }
            }
            return new Limited(kept.toString(StandardCharsets.UTF_8), truncated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
