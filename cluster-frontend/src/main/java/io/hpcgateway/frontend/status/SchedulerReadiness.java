package io.hpcgateway.frontend.status;

import io.hpcgateway.frontend.identity.RunAs;
import io.hpcgateway.frontend.platform.FrontendConfig;
import io.hpcgateway.frontend.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: the front end can take work when its scheduler answers as the service
 * identity (in the ssh mode, over the login node) and its data directory, where job records and
 * upload staging live, is writable. Liveness stays {@code /status/liveness/}.
 */
@Readiness
@ApplicationScoped
public class SchedulerReadiness implements HealthCheck {

    private final Scheduler scheduler;
    private final Path dataDir;
    private final String serviceUser;

    SchedulerReadiness(Scheduler scheduler, FrontendConfig config) {
        this.scheduler = scheduler;
        this.dataDir = config.dataDir();
        this.serviceUser = config.identity().serviceUser();
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("scheduler").withData("type", scheduler.type());
        try {
            response.withData("version", String.valueOf(scheduler.version(RunAs.service(serviceUser))));
        } catch (RuntimeException e) {
            return response.down().withData("reason", "the scheduler does not answer: " + e.getMessage()).build();
        }
        if (!Files.isWritable(dataDir)) {
            return response.down().withData("reason", "the data directory is not writable").build();
        }
        return response.up().build();
    }
}
