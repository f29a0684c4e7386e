package io.hpcgateway.frontend.identity;

import io.hpcgateway.frontend.filesystem.UserPaths;
import io.hpcgateway.frontend.identity.ssh.SshLauncher;
import io.hpcgateway.frontend.platform.FrontendConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/** Chooses the {@link Launcher} of {@code frontend.identity.mode} and says at start-up what it means. */
public class IdentityProducer {

    private static final Logger LOG = Logger.getLogger(IdentityProducer.class);

    @Produces
    @Singleton
    @Startup
    Launcher launcher(FrontendConfig config, UserPaths paths) {
        FrontendConfig.Identity identity = config.identity();
        if (identity.mode() == IdentityMode.SSH && config.scheduler() == FrontendConfig.SchedulerKind.LOCAL) {
            throw new IllegalStateException("frontend.identity.mode=ssh runs commands on a login node, but the local "
                    + "executor runs jobs on this machine: use frontend.scheduler=slurm, or identity mode setuid");
        }
        Launcher launcher = switch (identity.mode()) {
            case SSH -> new SshLauncher(config.ssh(), identity);
            case SETUID -> {
                requireRoot();
                yield new SetuidLauncher(new LocalAccounts(identity.serviceUser(), identity.minUid()),
                        identity.serviceUser());
            }
            case SERVICE_ACCOUNT -> new ServiceAccountLauncher(paths::homeOf);
        };
        if (identity.mode() == IdentityMode.SERVICE_ACCOUNT) {
            LOG.warnf("Identity mode %s", launcher.describe());
        } else {
            LOG.infof("Identity mode %s", launcher.describe());
        }
        return launcher;
    }

    void close(@Disposes Launcher launcher) {
        if (launcher instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debugf("closing the launcher: %s", e.getMessage());
            }
        }
    }

    /** setpriv can only change to another account from root. */
    private static void requireRoot() {
        try {
            boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:")).findFirst()
                    .map(line -> line.split("\\s+")[2].equals("0")).orElse(false);
            if (!root) {
                throw new IllegalStateException("frontend.identity.mode=setuid needs the front end to run as root "
                        + "(it starts each command as the user's account); use ssh or service-account otherwise");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot tell whether the front end runs as root: " + e.getMessage(), e);
        }
    }
}
