package io.hpcgateway.frontend.compute;

import com.fasterxml.jackson.databind.JsonNode;
import io.hpcgateway.frontend.filesystem.FileOperations;
import io.hpcgateway.frontend.filesystem.PathGuard.Check;
import io.hpcgateway.frontend.filesystem.UserHomes;
import io.hpcgateway.frontend.filesystem.UserPaths;
import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.scheduler.BatchDirectives;
import io.hpcgateway.frontend.scheduler.JobSubmission;
import io.hpcgateway.frontend.scheduler.SlurmTime;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a FirecREST job description into a {@link JobSubmission}: every field checked, the script
 * read (from {@code scriptPath}, as the user, if given), and every path confined to the caller's
 * directories, whether the request names it or the script's own {@code #SBATCH --output/--error/
 * --input} does (the request winning, as sbatch's command line does). The scheduler runs the
 * resulting checks as the user before queueing.
 */
@ApplicationScoped
public class SubmissionValidator {

    /** SLURM refuses larger batch scripts by default (max_script_size = 4 MB). */
    static final int MAX_SCRIPT_BYTES = 4 * 1024 * 1024;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final UserPaths paths;
    private final UserHomes homes;
    private final FileOperations files;

    SubmissionValidator(UserPaths paths, UserHomes homes, FileOperations files) {
        this.paths = paths;
        this.homes = homes;
        this.files = files;
    }

    public JobSubmission validate(String user, SubmitRequest request) {
        if (request == null || request.job() == null) {
            throw ApiException.validation("body", "job", "The body must be {\"job\": {...}}");
        }
        JobDescription job = request.job();
        if (job.workingDirectory() == null || job.workingDirectory().isBlank()) {
            throw ApiException.validation("body", "job.workingDirectory", "'workingDirectory' is required");
        }
        homes.ensure(user);
        UserPaths.Confined workDir = paths.confine(user, job.workingDirectory(), "job.workingDirectory");
        Long timeLimit = null;
        if (job.timeLimit() != null) {
            timeLimit = SlurmTime.durationSeconds(job.timeLimit());
            if (timeLimit == null || timeLimit <= 0) {
                throw ApiException.validation("body", "job.timeLimit",
                        "'timeLimit' must be minutes or [days-]hours:minutes:seconds, such as 30 or 1-00:00:00");
            }
        }
        String script = script(user, job);
        BatchDirectives directives = BatchDirectives.parse(script);
        List<Check> checks = new ArrayList<>(List.of(Check.dir(workDir)));
        String input = jobPath(user, workDir, job.standardInput(), directives.input(), "standardInput", checks, true);
        String output = jobPath(user, workDir, job.standardOutput(), directives.output(), "standardOutput", checks, false);
        String error = jobPath(user, workDir, job.standardError(), directives.error(), "standardError", checks, false);
        return new JobSubmission(user, text(job.name(), "name"), text(job.account(), "account"),
                text(job.partition(), "partition"), text(job.reservation(), "reservation"),
                text(job.constraints(), "constraints"), workDir.path(), input, output, error,
                environment(job.env()), script, timeLimit, List.copyOf(checks));
    }

    private String script(String user, JobDescription job) {
        boolean inline = job.script() != null;
        boolean byPath = job.scriptPath() != null;
        if (inline == byPath) {
            throw ApiException.validation("body", "job.script", "Give exactly one of 'script' or 'scriptPath'");
        }
        String script = byPath ? files.readText(user, job.scriptPath(), "job.scriptPath", MAX_SCRIPT_BYTES)
                : job.script();
        if (script.length() > MAX_SCRIPT_BYTES || script.indexOf('\0') >= 0) {
            throw ApiException.validation("body", "job.script", "The script must be text of at most "
                    + MAX_SCRIPT_BYTES + " bytes");
        }
        return script;
    }

    /**
     * An input or output file, relative to the working directory as in SLURM, confined, with the
     * check the scheduler runs: outputs by their directory (the file may not exist yet), the input
     * itself. The request's value wins over the script's directive.
     */
    private String jobPath(String user, UserPaths.Confined workDir, String requested, String directive, String field,
                           List<Check> checks, boolean read) {
        String raw = requested != null && !requested.isBlank() ? requested : directive;
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String param = requested != null && !requested.isBlank() ? "job." + field : "script #SBATCH " + field;
        UserPaths.Confined path = paths.confine(user, workDir.path().resolve(raw).toString(), param);
        checks.add(read ? Check.follow(path) : Check.name(path));
        return path.toString();
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
