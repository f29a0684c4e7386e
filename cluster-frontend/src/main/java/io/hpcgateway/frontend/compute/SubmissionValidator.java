package io.hpcgateway.frontend.compute;

import com.fasterxml.jackson.databind.JsonNode;
import io.hpcgateway.frontend.filesystem.UserPaths;
import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.scheduler.JobSubmission;
import io.hpcgateway.frontend.scheduler.SlurmTime;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a FirecREST job description into a {@link JobSubmission}: every field checked, every path
 * confined to the caller's directories, the script read (from {@code script_path} if given).
 */
@ApplicationScoped
public class SubmissionValidator {

    /** SLURM refuses larger batch scripts by default (max_script_size = 4 MB). */
    static final int MAX_SCRIPT_BYTES = 4 * 1024 * 1024;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final UserPaths paths;

    SubmissionValidator(UserPaths paths) {
        this.paths = paths;
    }

    public JobSubmission validate(String user, SubmitRequest request) {
        if (request == null || request.job() == null) {
            throw ApiException.validation("body", "job", "The body must be {\"job\": {...}}");
        }
        JobDescription job = request.job();
        if (job.workingDirectory() == null || job.workingDirectory().isBlank()) {
            throw ApiException.validation("body", "job.workingDirectory", "'workingDirectory' is required");
        }
        Path workDir = paths.confine(user, job.workingDirectory(), "job.workingDirectory", true);
        if (!Files.isDirectory(workDir)) {
            throw ApiException.validation("body", "job.workingDirectory",
                    "'" + job.workingDirectory() + "' is not an existing directory");
        }
        Long timeLimit = null;
        if (job.timeLimit() != null) {
            timeLimit = SlurmTime.durationSeconds(job.timeLimit());
            if (timeLimit == null || timeLimit <= 0) {
                throw ApiException.validation("body", "job.timeLimit",
                        "'timeLimit' must be minutes or [days-]hours:minutes:seconds, such as 30 or 1-00:00:00");
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", paths.home(user).toString());
        env.put("USER", user);
        env.put("LOGNAME", user);
        env.putAll(environment(job.env()));
        return new JobSubmission(user, text(job.name(), "name"), text(job.account(), "account"),
                text(job.partition(), "partition"), text(job.reservation(), "reservation"),
                text(job.constraints(), "constraints"), workDir,
                jobPath(user, workDir, job.standardInput(), "standardInput"),
                jobPath(user, workDir, job.standardOutput(), "standardOutput"),
                jobPath(user, workDir, job.standardError(), "standardError"),
                env, script(user, job), timeLimit);
    }

    private String script(String user, JobDescription job) {
        boolean inline = job.script() != null;
        boolean byPath = job.scriptPath() != null;
        if (inline == byPath) {
            throw ApiException.validation("body", "job.script", "Give exactly one of 'script' or 'scriptPath'");
        }
        String script = job.script();
        if (byPath) {
            Path file = paths.confine(user, job.scriptPath(), "job.scriptPath", true);
            try {
                if (!Files.isRegularFile(file) || Files.size(file) > MAX_SCRIPT_BYTES) {
                    throw ApiException.validation("body", "job.scriptPath", "'" + job.scriptPath()
                            + "' is not a readable script of at most " + MAX_SCRIPT_BYTES + " bytes");
                }
                script = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (script.length() > MAX_SCRIPT_BYTES || script.indexOf('\0') >= 0) {
            throw ApiException.validation("body", "job.script", "The script must be text of at most "
                    + MAX_SCRIPT_BYTES + " bytes");
        }
        return script;
    }

    /** Output and input files are relative to the working directory, as in SLURM, and confined. */
    private String jobPath(String user, Path workDir, String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return paths.confine(user, workDir.resolve(raw).toString(), "job." + field, false).toString();
    }

    private static Map<String, String> environment(JsonNode env) {
        Map<String, String> result = new LinkedHashMap<>();
        if (env == null || env.isNull()) {
            return result;
        }
        if (env.isObject()) {
            env.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().isTextual()
                    ? e.getValue().textValue() : e.getValue().toString()));
        } else if (env.isArray()) {
            for (JsonNode item : env) {
                String pair = item.asText();
                int eq = pair.indexOf('=');
                if (!item.isTextual() || eq <= 0) {
                    throw ApiException.validation("body", "job.env", "List entries of 'env' must be \"NAME=value\"");
                }
                result.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        } else {
            throw ApiException.validation("body", "job.env", "'env' must be an object or a list of \"NAME=value\"");
        }
        result.forEach((name, value) -> {
            if (!ENV_NAME.matcher(name).matches() || value.indexOf('\0') >= 0) {
                throw ApiException.validation("body", "job.env", "'" + name
                        + "' is not a valid environment variable (letters, digits, underscore; no NUL in values)");
            }
        });
        return result;
    }

    /** Scalar options reach sbatch as arguments and come back in squeue's tables: no control characters. */
    private static String text(String value, String field) {
        if (value != null && CONTROL.matcher(value).find()) {
            throw ApiException.validation("body", "job." + field, "'" + field + "' must not contain control characters");
        }
        return value;
    }
}
