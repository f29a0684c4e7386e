package io.hpcgateway.frontend.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.frontend.platform.CommandRunner;
import io.hpcgateway.frontend.platform.FrontendConfig;
import io.hpcgateway.frontend.scheduler.local.LocalScheduler;
import io.hpcgateway.frontend.scheduler.slurm.SlurmScheduler;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Chooses the backend named by {@code frontend.scheduler}. */
public class SchedulerProducer {

    private static final Logger LOG = Logger.getLogger(SchedulerProducer.class);

    @Produces
    @Singleton
    Scheduler scheduler(FrontendConfig config, CommandRunner runner, ObjectMapper json,
                        @ConfigProperty(name = "quarkus.application.version") String version) {
        Scheduler scheduler = switch (config.scheduler()) {
            case SLURM -> new SlurmScheduler(runner, config);
            case LOCAL -> new LocalScheduler(LocalScheduler.Settings.of(config, version), json);
        };
        LOG.infof("System '%s' runs jobs on the %s scheduler", config.systemName(), scheduler.type());
        return scheduler;
    }

    void close(@Disposes Scheduler scheduler) {
        if (scheduler instanceof LocalScheduler local) {
            local.shutdown();
        }
    }
}
