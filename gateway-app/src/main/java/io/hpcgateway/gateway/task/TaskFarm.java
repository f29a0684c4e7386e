package io.hpcgateway.gateway.task;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.hpcgateway.gateway.audit.AuditLog;
import io.hpcgateway.gateway.cluster.Cluster;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.event.EventLog;
import io.hpcgateway.gateway.identity.ClusterAccounts;
import io.hpcgateway.gateway.identity.UserAccount;
import io.hpcgateway.gateway.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The farm on behalf of users: submit a batch, follow it, read its results, cancel it. A user
 * sees only their own batches and tasks; another user's answer 404, as if they did not exist.
 */
@ApplicationScoped
public class TaskFarm {

    static final int MAX_PAGE = 1000;
    private static final int MAX_ATTEMPTS = 10;
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,128}");

    private final TaskConfig config;
    private final TaskMapper mapper;
    private final TaskEstimator estimator;
    private final TaskQueue queue;
    private final TaskBatches batches;
    private final BatchEnds ends;
    private final Clusters clusters;
    private final ClusterAccounts accounts;
    private final AuditLog audit;
    private final EventLog events;

    TaskFarm(TaskConfig config, TaskMapper mapper, TaskEstimator estimator, TaskQueue queue, TaskBatches batches,
             BatchEnds ends, Clusters clusters, ClusterAccounts accounts, AuditLog audit, EventLog events) {
        this.config = config;
        this.mapper = mapper;
        this.estimator = estimator;
        this.queue = queue;
        this.batches = batches;
        this.ends = ends;
        this.clusters = clusters;
        this.accounts = accounts;
        this.audit = audit;
        this.events = events;
    }

    /** Maps, checks and queues every task of the submission, or none: a bad task is a 400 naming it. */
    BatchView submit(UserAccount user, TaskSubmission submission) {
        if (submission == null || submission.tasks() == null || submission.tasks().isEmpty()) {
            throw ApiException.badRequest("tasks", "Send {\"tasks\": [{\"type\": ..., \"version\": ..., \"payload\": ...}]}");
        }
        if (submission.tasks().size() > config.maxBatch()) {
            throw ApiException.badRequest("tasks", "At most " + config.maxBatch() + " tasks per submission; this one has "
                    + submission.tasks().size() + ". Send the rest in further submissions.");
        }
        int maxAttempts = submission.maxAttempts() == null ? config.maxAttempts() : submission.maxAttempts();
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            throw ApiException.badRequest("maxAttempts", "'maxAttempts' must be between 1 and " + MAX_ATTEMPTS);
        }
        Cluster cluster = clusters.get(submission.cluster());
        String clusterUser = accounts.of(user, cluster.name());
        TaskBatch batch = new TaskBatch();
        batch.id = UUID.randomUUID().toString();
        batch.owner = user.subject;
        batch.cluster = cluster.name();
        batch.size = submission.tasks().size();
        batch.createdAt = Instant.now();
        batch.images = new TreeMap<>();
        List<HpcTask> tasks = new ArrayList<>(batch.size);
        for (int i = 0; i < batch.size; i++) {
            HpcTask task = task(submission.tasks().get(i), i);
            task.id = HpcTask.id(batch.id, i);
            task.batch = batch.id;
            task.index = i;
            task.owner = user.subject;
            task.clusterUser = clusterUser;
            task.cluster = cluster.name();
            task.maxAttempts = maxAttempts;
            task.createdAt = batch.createdAt;
            batch.images.merge(task.image, 1, Integer::sum);
            tasks.add(task);
        }
        queue.insert(batch, tasks);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("batch", batch.id);
        details.put("size", batch.size);
        details.put("images", batch.images);
        audit.record("tasks_submitted", null, cluster.name(), user.subject, details, true);
        events.append(BatchEnds.SUBMITTED, user.subject, null, details);
        return view(batch);
    }

    BatchView batch(UserAccount user, String id) {
        return view(owned(user, id));
    }

    /** The user's batches, newest first. */
    List<BatchView> batches(UserAccount user, int limit) {
        List<BatchView> out = new ArrayList<>();
        TaskBatch.<TaskBatch>mongoCollection().find(Filters.eq("owner", user.subject)).sort(Sorts.descending("createdAt"))
                .limit(limit).forEach(batch -> out.add(view(batch)));
        return out;
    }

    /** A page of the batch's tasks in batch order, after index {@code after}, optionally of one state. */
    TaskView.Page tasks(UserAccount user, String batchId, TaskState state, int after, int limit) {
        TaskBatch batch = owned(user, batchId);
        var filter = Filters.and(Filters.eq("batch", batch.id), Filters.gt("index", after));
        if (state != null) {
            filter = Filters.and(filter, Filters.eq("state", state));
        }
        List<HpcTask> page = HpcTask.<HpcTask>mongoCollection().find(filter).sort(Sorts.ascending("index"))
                .limit(limit + 1).into(new ArrayList<>());
        Integer next = page.size() > limit ? page.get(limit - 1).index : null;
        List<HpcTask> shown = page.subList(0, Math.min(limit, page.size()));
        Set<TaskKind> kinds = new HashSet<>();
        shown.forEach(task -> kinds.add(TaskKind.of(task)));
        Map<TaskKind, Double> estimates = estimator.seconds(kinds);
        return new TaskView.Page(shown.stream().map(task -> TaskView.of(task, mapper.image(task.image),
                estimates.get(TaskKind.of(task)))).toList(), next);
    }

    TaskView task(UserAccount user, String id) {
        HpcTask task = HpcTask.<HpcTask>findByIdOptional(id).filter(t -> t.owner.equals(user.subject))
                .orElseThrow(() -> ApiException.notFound("Task", id));
        return TaskView.of(task, mapper.image(task.image), estimator.seconds(List.of(TaskKind.of(task)))
                .get(TaskKind.of(task)));
    }

    /** Cancels the batch's unfinished tasks; tasks a worker is running finish, and their results are dropped. */
    BatchView cancel(UserAccount user, String id) {
        TaskBatch batch = owned(user, id);
        long cancelled = queue.cancel(batch);
        if (cancelled > 0) {
            audit.record("task_batch_cancelled", null, batch.cluster, user.subject,
                    Map.of("batch", batch.id, "cancelled", cancelled), true);
        }
        ends.ended(Map.of(batch.id, cancelled));
        return view(TaskBatch.findById(batch.id));
    }

    private TaskBatch owned(UserAccount user, String id) {
        return TaskBatch.<TaskBatch>findByIdOptional(id).filter(batch -> batch.owner.equals(user.subject))
                .orElseThrow(() -> ApiException.notFound("Task batch", id));
    }

    private HpcTask task(TaskSubmission.Task request, int index) {
        String at = "tasks[" + index + "]";
        if (request == null) {
            throw ApiException.badRequest(at, "Task " + index + " is null; each task is an object with type and version");
        }
        if (request.type() == null || !TYPE.matcher(request.type()).matches()) {
            throw ApiException.badRequest(at + ".type", "Task " + index + ": 'type' is required: letters, digits, '.', "
                    + "'_', '-', at most 64");
        }
        if (request.version() == null || !TYPE.matcher(request.version()).matches()) {
            throw ApiException.badRequest(at + ".version", "Task " + index + ": 'version' is required: letters, digits, "
                    + "'.', '_', '-', at most 64");
        }
        if (request.name() != null && !NAME.matcher(request.name()).matches()) {
            throw ApiException.badRequest(at + ".name", "Task " + index + ": 'name' must be 1 to 128 characters, no "
                    + "control characters");
        }
        if (request.mapper() != null && !TYPE.matcher(request.mapper()).matches()) {
            throw ApiException.badRequest(at + ".mapper", "Task " + index + ": 'mapper' names one of the gateway's "
                    + "mappers");
        }
        String payload = request.payload() == null || request.payload().isNull() ? null : request.payload().toString();
        if (payload != null && payload.getBytes(StandardCharsets.UTF_8).length > config.maxPayloadBytes()) {
            throw ApiException.badRequest(at + ".payload", "Task " + index + ": the payload is larger than "
                    + config.maxPayloadBytes() + " bytes of JSON; put large inputs in files and pass their names");
        }
        HpcTask task = new HpcTask();
        task.name = request.name();
        task.type = request.type();
        task.version = request.version();
        task.mapper = request.mapper() == null ? TaskMapper.DEFAULT : request.mapper();
        task.image = mapper.imageFor(task.type, task.version, request.mapper(), index);
        task.payload = payload;
        task.state = TaskState.QUEUED;
        return task;
    }

    private BatchView view(TaskBatch batch) {
        double outstanding = 0;
        Map<TaskKind, Long> counts = batches.outstanding(batch.id);
        Map<TaskKind, Double> estimates = estimator.seconds(counts.keySet());
        for (Map.Entry<TaskKind, Long> entry : counts.entrySet()) {
            outstanding += entry.getValue() * estimates.get(entry.getKey());
        }
        Map<String, Integer> images = new TreeMap<>();
        batch.images.forEach((name, n) -> images.put(mapper.image(name) == null ? name : mapper.image(name).reference(), n));
        return new BatchView(batch.id, batch.cluster, batch.size, batches.states(batch.id), images, outstanding,
                batch.executionMillis / 1000.0,
                HpcTask.id(batch.id, 0), HpcTask.id(batch.id, batch.size - 1), batch.createdAt, batch.finishedAt);
    }
}
