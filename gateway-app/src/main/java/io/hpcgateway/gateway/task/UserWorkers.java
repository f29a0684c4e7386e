package io.hpcgateway.gateway.task;

import io.hpcgateway.gateway.cluster.Cluster;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.identity.ClusterAccounts;
import io.hpcgateway.gateway.identity.UserAccount;
import io.hpcgateway.gateway.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Workers from their user's side: the ones the autoscaler started as pilots, and the ones the user
 * runs themselves (on a node of their own, in a job of their own), which they enrol here to get
 * the worker's token. Both count against the same caps.
 */
@ApplicationScoped
public class UserWorkers {

    private final TaskConfig config;
    private final TaskMapper mapper;
    private final Workers workers;
    private final WorkerTokens tokens;
    private final Clusters clusters;
    private final ClusterAccounts accounts;

    UserWorkers(TaskConfig config, TaskMapper mapper, Workers workers, WorkerTokens tokens, Clusters clusters,
                ClusterAccounts accounts) {
        this.config = config;
        this.mapper = mapper;
        this.workers = workers;
        this.tokens = tokens;
        this.clusters = clusters;
        this.accounts = accounts;
    }

    /** A new worker of the user's for one image, with its token (shown this once). */
    WorkerView enrol(UserAccount user, WorkerRequest request) {
        if (request == null || request.image() == null || mapper.image(request.image()) == null) {
            throw ApiException.badRequest("image", "'image' names one of the gateway's task images: "
                    + String.join(", ", config.images().keySet()));
        }
        Cluster cluster = clusters.get(request.cluster());
        String clusterUser = accounts.of(user, cluster.name());
        workers.requireRoom(user.subject);
        TaskWorker worker = workers.create(user.subject, clusterUser, cluster.name(), request.image());
        return WorkerView.of(worker, mapper.image(worker.image).reference(), tokens.issue(worker));
    }

    List<WorkerView> list(UserAccount user) {
        return workers.of(user.subject).stream()
                .map(worker -> WorkerView.of(worker, reference(worker), null)).toList();
    }

    /** Asks the user's worker to finish what it runs and stop; a worker that already ended is left as it is. */
    WorkerView drain(UserAccount user, String id) {
        TaskWorker worker = owned(user, id);
        workers.drain(worker, "drained by its user");
        return WorkerView.of(TaskWorker.findById(id), reference(worker), null);
    }

    private TaskWorker owned(UserAccount user, String id) {
        return TaskWorker.<TaskWorker>findByIdOptional(id).filter(worker -> worker.owner.equals(user.subject))
                .orElseThrow(() -> ApiException.notFound("Worker", id));
    }

    private String reference(TaskWorker worker) {
        TaskConfig.Image image = mapper.image(worker.image);
        return image == null ? worker.image : image.reference();
    }
}
