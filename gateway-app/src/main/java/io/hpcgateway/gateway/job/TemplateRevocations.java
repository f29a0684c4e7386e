package io.hpcgateway.gateway.job;

import com.mongodb.client.model.Filters;
import io.hpcgateway.gateway.template.TemplateRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import org.jboss.logging.Logger;

/** A revoked template stops at once: every job still pending or running from it is cancelled. */
@ApplicationScoped
class TemplateRevocations {

    private static final Logger LOG = Logger.getLogger(TemplateRevocations.class);

    private final JobService jobs;

    TemplateRevocations(JobService jobs) {
        this.jobs = jobs;
    }

    void revoked(@Observes TemplateRevoked revoked) {
        var affected = GatewayJob.<GatewayJob>mongoCollection().find(Filters.and(Filters.eq("template", revoked.ref()),
                Filters.in("state", JobState.PENDING, JobState.QUEUED, JobState.STARTING, JobState.RUNNING,
                        JobState.SUSPENDED))).into(new ArrayList<>());
        for (GatewayJob job : affected) {
            try {
                jobs.stopForRevocation(job, revoked.reason() == null ? "no reason given" : revoked.reason());
            } catch (RuntimeException e) {
                LOG.errorf("Job %s of revoked template %s could not be cancelled: %s", job.id, revoked.ref(),
                        e.getMessage());
            }
        }
        LOG.infof("Template %s revoked: %d job(s) stopped", revoked.ref(), affected.size());
    }
}
