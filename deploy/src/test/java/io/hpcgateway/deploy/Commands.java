package io.hpcgateway.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the deployment's own commands (docker-compose, promtool, compose-up.sh) from the checkout's top. */
final class Commands {

    static final Path TOP = Path.of("..").toAbsolutePath().normalize();

    record Result(int exitCode, String output) {
    }

    private Commands() {
    }

    /** The assignments of an env file (env.template, a .env), in order; comments skipped. */
    static Map<String, String> assignments(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("#") && line.contains("=")) {
                values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return values;
    }

    static boolean installed(String program) {
        return List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/bin").stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    static Result run(List<String> command, Map<String, String> environment, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("command", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(TOP.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not end within " + timeoutSeconds + " s:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
