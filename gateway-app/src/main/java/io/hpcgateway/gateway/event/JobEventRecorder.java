package io.hpcgateway.gateway.event;

import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobTransition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feeds the log from the transitions the job store already writes (the API's and the
 * reconciler's): a state change costs two more database writes (its id and the event) and no
 * scheduler call.
 */
@ApplicationScoped
class JobEventRecorder {

    static final String JOB_STATE = "job.state";

    private final EventLog log;

    JobEventRecorder(EventLog log) {
        this.log = log;
    }

    void transitioned(@Observes JobTransition transition) {
        GatewayJob job = transition.job();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", job.name);
        data.put("cluster", job.cluster);
        data.put("from", transition.from() == null ? null : transition.from().wireName());
        data.put("to", transition.to().wireName());
        data.put("reason", transition.reason());
        if (job.schedulerJobId != null) {
            data.put("schedulerJobId", job.schedulerJobId);
        }
        if (job.exitCode != null) {
            data.put("exitCode", job.exitCode);
        }
        log.append(JOB_STATE, job.owner, job.id, data);
    }
}
