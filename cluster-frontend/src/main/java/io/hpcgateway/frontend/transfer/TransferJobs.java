package io.hpcgateway.frontend.transfer;

import io.hpcgateway.frontend.compute.ComputeService;
import io.hpcgateway.frontend.compute.JobDescription;
import io.hpcgateway.frontend.compute.SubmitRequest;
import io.hpcgateway.frontend.filesystem.GuardedCommand;
import io.hpcgateway.frontend.filesystem.UserPaths;
import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.platform.FrontendConfig;
import io.hpcgateway.frontend.platform.Systems;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Queues a transfer job as the user, as FirecREST does: in the user's top directory, on the
 * transfer partition, with its output and error logs named as FirecREST names them, through the
 * same validation and identity as any job the user submits.
 */
@ApplicationScoped
public class TransferJobs {

    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final ComputeService compute;
    private final Systems systems;
    private final FrontendConfig.Transfer config;

    TransferJobs(ComputeService compute, Systems systems, FrontendConfig config) {
        this.compute = compute;
        this.systems = systems;
        this.config = config.transfer();
    }

    /** The time limit of every transfer job, which also bounds how long an upload's job waits for the client. */
    Duration timeLimit() {
        return config.timeLimit();
    }

    TransferAnswers.Job submit(String user, UserPaths.Confined home, String jobName, String account, String title,
                               Map<String, String> exports, GuardedCommand command, String success, String failure) {
        if (account != null && !ACCOUNT.matcher(account).matches()) {
            throw ApiException.validation("body", "account", "'account' must be a scheduler account name "
                    + "(letters, digits, '.', '_' and '-')");
        }
        String id = UUID.randomUUID().toString();
        String output = home.path().resolve(".f7t_file_handling_job_" + id + ".log").toString();
        String error = home.path().resolve(".f7t_file_handling_job_error_" + id + ".log").toString();
        String script = TransferScript.of(title, exports, command, success, failure);
        long minutes = Math.max(1, (config.timeLimit().toSeconds() + 59) / 60);
        JobDescription job = new JobDescription(jobName, account, null, config.partition().orElse(null), null,
                home.path().toString(), null, output, error, null, script, null, Long.toString(minutes));
        long jobId = compute.submit(user, new SubmitRequest(job), command.checks());
        return new TransferAnswers.Job(Long.toString(jobId), systems.name(), home.path().toString(),
                new TransferAnswers.Logs(output, error));
    }
}
