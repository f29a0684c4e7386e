package io.hpcgateway.frontend.identity;

import io.hpcgateway.frontend.platform.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** A {@link RunningCommand} that is a local process. */
final class ProcessCommand implements RunningCommand {

    /** Variables of the front end's environment that commands need to find SLURM and their tools. */
    private static final List<String> INHERITED = List.of("PATH", "SLURM_CONF", "TZ");
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";

    private final Process process;

    private ProcessCommand(Process process) {
        this.process = process;
    }

    /**
     * Starts argv with an environment rebuilt from scratch, so that the front end's own variables
     * (which may hold secrets) never reach a command or a job: the few it needs, the account's,
     * then the caller's.
     */
    static ProcessCommand start(List<String> argv, Map<String, String> account, Map<String, String> extra) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(inheritedEnvironment());
        env.putAll(account);
        env.putAll(extra);
        try {
            return new ProcessCommand(builder.start());
        } catch (IOException e) {
            throw ApiException.schedulerError("Cannot run " + argv.get(0) + ": " + e.getMessage());
        }
    }

    /** PATH, SLURM_CONF and TZ from the front end's environment, and the C locale. */
    static Map<String, String> inheritedEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        INHERITED.forEach(name -> {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        });
        env.putIfAbsent("PATH", DEFAULT_PATH);
        env.put("LC_ALL", "C");
        return env;
    }

    @Override
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    @Override
    public InputStream stdout() {
        return process.getInputStream();
    }

    @Override
    public InputStream stderr() {
        return process.getErrorStream();
    }

    @Override
    public OptionalInt waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? OptionalInt.of(process.exitValue())
                : OptionalInt.empty();
    }

    @Override
    public void destroy() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
