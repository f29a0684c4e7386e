package io.hpcgateway.frontend.identity;

import io.hpcgateway.frontend.filesystem.UserPaths;
import io.hpcgateway.frontend.platform.FrontendConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whose a job is. Where jobs run as their users, the scheduler's own user field says it. Where
 * everything runs as the service account, that field names the service for every job, and the
 * owner is the user whose directory holds the job's working directory.
 */
@ApplicationScoped
public class JobOwners {

    private final boolean sharedAccount;
    private final UserPaths paths;

    JobOwners(FrontendConfig config, UserPaths paths) {
        this.sharedAccount = config.identity().mode() == IdentityMode.SERVICE_ACCOUNT;
        this.paths = paths;
    }

    public String owner(String schedulerUser, String workingDirectory) {
        if (!sharedAccount) {
            return schedulerUser;
        }
        return paths.ownerOf(workingDirectory).orElse(schedulerUser);
    }
}
