package io.hpcgateway.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code hpcgw} as a process, the way a user runs it: its own
 * home (configuration, token cache, upload state), the gateway from {@code HPCGW_GATEWAY}.
 */
public final class Cli {

    /** The packaged command: this module's, or, from another module's tests, the cli module's. */
    private static final Path JAR = (Files.isRegularFile(Path.of("target/hpcgw.jar")) ? Path.of("target/hpcgw.jar")
            : Path.of("../cli/target/hpcgw.jar")).toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a run printed and how it ended. */
    public record Result(int code, String out, String err) {
        public JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON (exit " + code + "): " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + code + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    private final Path home;
    private final Map<String, String> environment = new HashMap<>();

    public Cli(Path home, String gateway) {
        this.home = home;
        environment.put("HOME", home.toString());
        environment.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        environment.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        environment.put("HPCGW_GATEWAY", gateway);
    }

    public Path home() {
        return home;
    }

    public Cli with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    public Result run(String... args) {
        try {
            Running running = start(args);
            if (!running.process().waitFor(10, TimeUnit.MINUTES)) {
                running.process().destroyForcibly();
                throw new AssertionError("hpcgw " + String.join(" ", args) + " did not end within 10 minutes");
            }
            return new Result(running.process().exitValue(), Files.readString(running.out()),
                    Files.readString(running.err()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs with {@code -o json}, requires success and answers the parsed output. */
    public JsonNode json(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-o", "json"));
        Result result = run(all.toArray(String[]::new));
        if (result.code() != 0) {
            throw new AssertionError("hpcgw " + String.join(" ", args) + " failed: " + result);
        }
        return result.json();
    }

    /** A run going on: its stdout and stderr are files, readable while it runs. */
    public record Running(Process process, Path out, Path err) {}

    /** Starts a run without waiting. */
    public Running start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Files.createDirectories(home);
        Path out = Files.createTempFile(home, "run", ".out");
        Path err = out.resolveSibling(out.getFileName().toString().replace(".out", ".err"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().putAll(environment);
        return new Running(builder.start(), out, err);
    }
}
