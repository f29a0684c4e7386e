package io.hpcgateway.cli;

/**
 * What {@code hpcgw} exits with: one code per kind of outcome, so scripts can tell a missing job
 * from a refused token from a gateway that is down. {@code hpcgw --help} prints this table.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** {@code jobs watch}: the job ended failed, cancelled or timed out; {@code tasks --wait}: a task did not complete. */
    public static final int JOB_UNSUCCESSFUL = 1;
    /** A wrong option or argument (picocli's own code for usage errors). */
    public static final int USAGE = 2;
    /** Not logged in, the session expired, or the token is refused (401) or lacks the role (403). */
    public static final int AUTH = 3;
    /** No such job, file, template or upload (404). */
    public static final int NOT_FOUND = 4;
    /** The request conflicts with the resource's state (409, 412): a running job, a finished upload. */
    public static final int CONFLICT = 5;
    /** The gateway refused the request as invalid (400, 413, 415, 422). */
    public static final int INVALID = 6;
    /** The gateway failed or could not be reached (5xx, connection refused, timeouts). */
    public static final int SERVER = 7;
    /** A transfer's checksum did not match: nothing was kept. */
    public static final int INTEGRITY = 8;

    static final String TABLE = """
            Exit codes:
              0  success (jobs watch: the job completed)
              1  jobs watch: the job failed, was cancelled or timed out; tasks --wait: a task did not complete
              2  usage error: a wrong option or argument
              3  authentication: not logged in, session expired, token refused (401) or role missing (403)
              4  not found (404)
              5  conflict with the resource's state (409, 412)
              6  the gateway refused the request as invalid (400, 413, 415, 422)
              7  the gateway failed or could not be reached (5xx, connection errors)
              8  a transfer's checksum did not match""";

    private ExitCodes() {}

    /** The exit code for a gateway answer's HTTP status. */
    public static int forStatus(int status) {
        return switch (status) {
            case 401, 403 -> AUTH;
            case 404, 410 -> NOT_FOUND;
            case 409, 412, 423 -> CONFLICT;
            case 460 -> INTEGRITY;
            default -> status >= 500 ? SERVER : INVALID;
        };
    }
}
