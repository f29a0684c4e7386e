package io.hpcgateway.gateway.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.cluster.FileTransfer;
import io.hpcgateway.gateway.identity.UserAccount;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobRequest;
import io.hpcgateway.gateway.job.JobService;
import io.hpcgateway.gateway.job.JobState;
import io.hpcgateway.gateway.job.JobTransition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Workers on SLURM: each is a pilot job of its owner's (a gateway job, so it runs as their Unix
 * account and its allocation, busy or idle, is their usage and charge), which runs the task
 * client beside the image's program. The pilot's settings, token included, are written into its
 * job folder, which only its owner's account reads. When the pilot ends, so does its worker.
 */
@ApplicationScoped
public class Pilots {

    static final String SETTINGS_FILE = "worker.json";
    /** The job parameter that marks a pilot and names its worker. */
    static final String WORKER_PARAMETER = "taskWorker";
    private static final Logger LOG = Logger.getLogger(Pilots.class);

    private final TaskConfig config;
    private final TaskMapper mapper;
    private final Workers workers;
    private final WorkerTokens tokens;
    private final JobService jobs;
    private final Clusters clusters;
    private final FileTransfer files;
    private final ObjectMapper json;

    Pilots(TaskConfig config, TaskMapper mapper, Workers workers, WorkerTokens tokens, JobService jobs,
           Clusters clusters, FileTransfer files, ObjectMapper json) {
        this.config = config;
        this.mapper = mapper;
        this.workers = workers;
        this.tokens = tokens;
        this.jobs = jobs;
        this.clusters = clusters;
        this.files = files;
        this.json = json;
    }

    /** Starts one pilot for the demand's owner and image; its worker is ended if the pilot cannot start. */
    TaskWorker start(OutstandingWork.Demand demand) {
        TaskWorker worker = workers.create(demand.owner(), demand.clusterUser(), demand.cluster(), demand.image());
        try {
            UserAccount owner = UserAccount.findById(demand.owner());
            owner.clusterUser = demand.clusterUser();
            TaskConfig.Pilot pilot = config.pilot();
            Map<String, Object> asked = new LinkedHashMap<>();
            asked.put(WORKER_PARAMETER, worker.id);
            asked.put("image", mapper.image(demand.image()).reference());
            JobRequest request = new JobRequest("task-worker " + demand.image(), demand.cluster(), null,
                    "exec " + pilot.workerCommand() + " --settings " + SETTINGS_FILE, null,
                    pilot.partition().orElse(null), null, new JobRequest.Resources(1, 1, pilot.cpus(), pilot.memoryMb(),
                    (int) Math.max(1, pilot.timeLimit().toMinutes())));
            GatewayJob job = jobs.create(owner, request, asked);
            workers.attachPilot(worker, job.id);
            byte[] settings = json.writeValueAsBytes(settings(worker));
            files.upload(clusters.get(job.cluster), job.clusterUser, job.folder, SETTINGS_FILE,
                    new ByteArrayInputStream(settings), settings.length);
            jobs.launch(owner, job.id);
            return worker;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("A pilot for %s's %s tasks did not start: %s", demand.owner(), demand.image(), e.getMessage());
            workers.end(worker, "its pilot did not start: " + e.getMessage());
            return null;
        }
    }

    /** A pilot that ended takes its worker with it, and the tasks it held go back to the queue at once. */
    void pilotEnded(@Observes JobTransition transition) {
        Object worker = transition.job().parameters == null ? null
                : transition.job().parameters.get(WORKER_PARAMETER);
        if (worker != null && transition.to().isFinal()) {
            TaskWorker ended = TaskWorker.findById(worker.toString());
            if (ended != null) {
                workers.end(ended, "its pilot job " + (transition.to() == JobState.COMPLETED ? "ended"
                        : transition.to().wireName()));
            }
        }
    }

    private Map<String, Object> settings(TaskWorker worker) {
        TaskConfig.Image image = mapper.image(worker.image);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("gateway", config.pilot().gatewayUrl());
        settings.put("worker", worker.id);
        settings.put("token", tokens.issue(worker));
        settings.put("image", image.reference());
        settings.put("imageCommand", image.command().orElse(null));
        settings.put("prefetch", config.prefetch());
        settings.put("idleTimeoutSeconds", config.idleTimeout().toSeconds());
        settings.put("walltimeSeconds", config.pilot().timeLimit().toSeconds());
        return settings;
    }
}
