package io.hpcgateway.frontend.filesystem;

import io.hpcgateway.frontend.identity.CommandRunner;
import io.hpcgateway.frontend.platform.ApiException;
import java.util.List;

/**
 * Turns a file command that failed into the error a client can act on, from the guard's verdict,
 * the exit codes our scripts use, and the wording coreutils print (the C locale is forced).
 */
final class FileCommandErrors {

    /** Our scripts' own exits: not a regular file, a directory where a file was to be written, nothing there. */
    static final int NOT_A_FILE = 95;
    static final int IS_A_DIRECTORY = 94;
    static final int MISSING = 93;

    private FileCommandErrors() {}

    /** The result if it succeeded; otherwise the matching {@link ApiException}, naming {@code raw}. */
    static CommandRunner.Result require(CommandRunner.Result result, List<PathGuard.Check> checks, String raw) {
        if (result.ok()) {
            return result;
        }
        throw of(result, checks, raw);
    }

    /** In the system's own words: pyfirecrest raises FileNotFoundError only on "No such file or directory". */
    static ApiException missing(String raw) {
        return ApiException.notFound("'" + raw + "': No such file or directory");
    }

    static ApiException of(CommandRunner.Result result, List<PathGuard.Check> checks, String raw) {
        ApiException refused = PathGuard.refusal(result.exitCode(), result.stderr(), checks);
        if (refused != null) {
            return refused;
        }
        if (result.exitCode() == MISSING) {
            return missing(raw);
        }
        if (result.exitCode() == NOT_A_FILE) {
            return ApiException.validation("query", "path", "'" + raw + "' is not a regular file");
        }
        if (result.exitCode() == IS_A_DIRECTORY) {
            return new ApiException(409, "error", "conflict", "'" + raw + "' is a directory", List.of());
        }
        String err = result.stderr();
        if (err.contains("No such file or directory")) {
            return missing(raw);
        }
        if (err.contains("Permission denied") || err.contains("Operation not permitted")) {
            return ApiException.forbidden("Your account may not do this to '" + raw + "': " + result.firstErrorLine());
        }
        if (err.contains("File exists")) {
            return new ApiException(409, "error", "conflict", "'" + raw + "' already exists", List.of());
        }
        if (err.contains("Directory not empty")) {
            return new ApiException(409, "error", "conflict", "'" + raw + "' changed while it was removed", List.of());
        }
        if (err.contains("Not a directory") || err.contains("Is a directory")) {
            return ApiException.validation("query", "path", "'" + raw + "': " + result.firstErrorLine());
        }
        if (err.contains("No space left") || err.contains("Disk quota exceeded")) {
            return new ApiException(507, "error", "insufficient_storage", "No room for '" + raw + "': "
                    + result.firstErrorLine(), List.of());
        }
        return new ApiException(500, "error", "file_operation_failed", "The operation on '" + raw + "' failed: "
                + result.firstErrorLine(), List.of());
    }
}
