package io.hpcgateway.frontend.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.frontend.identity.CommandRunner;
import io.hpcgateway.frontend.identity.IdentityMode;
import io.hpcgateway.frontend.identity.Launcher;
import io.hpcgateway.frontend.platform.FrontendConfig;
import io.hpcgateway.frontend.scheduler.local.LocalScheduler;
import io.hpcgateway.frontend.scheduler.slurm.SlurmScheduler;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Chooses the backend named by {@code frontend.scheduler}. */
public class SchedulerProducer {

    private static final Logger LOG = Logger.getLogger(SchedulerProducer.class);

    @Produces
    @Singleton
    Scheduler scheduler(FrontendConfig config, CommandRunner runner, Launcher launcher, ObjectMapper json,
                        @ConfigProperty(name = "quarkus.application.version") String version) {
        Scheduler scheduler = switch (config.scheduler()) {
            case SLURM -> new SlurmScheduler(runner, config);
            case LOCAL -> {
                LocalScheduler.Settings settings = LocalScheduler.Settings.of(config, version);
                if (config.identity().mode() == IdentityMode.SETUID) {
                    requirePassable(settings.spoolDir().toAbsolutePath().getParent());
                }
                yield new LocalScheduler(settings, json, runner, launcher);
            }
        };
        LOG.infof("System '%s' runs jobs on the %s scheduler", config.systemName(), scheduler.type());
        return scheduler;
    }

    void close(@Disposes Scheduler scheduler) {
        if (scheduler instanceof LocalScheduler local) {
            local.shutdown();
        }
    }

    /** A job's user reaches its script in the spool only if every folder above lets others pass. */
    private static void requirePassable(Path dir) {
        try {
            for (Path p = dir; p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalStateException("With frontend.identity.mode=setuid the local executor's jobs read "
                            + "their scripts from " + dir + "/local-spool, but " + p + " does not let other accounts "
                            + "pass (chmod o+x, or set frontend.data-dir elsewhere, such as /var/lib/hpc-gateway/frontend)");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot check " + dir + ": " + e.getMessage(), e);
        }
    }
}
