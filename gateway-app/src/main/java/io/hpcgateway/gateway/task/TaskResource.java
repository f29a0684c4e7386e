package io.hpcgateway.gateway.task;

import io.hpcgateway.gateway.idempotency.Idempotent;
import io.hpcgateway.gateway.identity.Users;
import io.hpcgateway.gateway.platform.ApiException;
import io.hpcgateway.gateway.platform.QueryParams;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The task farm for its users: batches of short tasks, their results, and the workers that run them. */
@Path("/api/v2/tasks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tasks", description = "The task farm (seed 003): batches of short tasks on long-running workers")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
public class TaskResource {

    private final TaskFarm farm;
    private final UserWorkers workers;
    private final TaskMapper mapper;
    private final Users users;
    private final SecurityIdentity identity;

    TaskResource(TaskFarm farm, UserWorkers workers, TaskMapper mapper, Users users, SecurityIdentity identity) {
        this.farm = farm;
        this.workers = workers;
        this.mapper = mapper;
        this.users = users;
        this.identity = identity;
    }

    @Idempotent
    @Extension(name = Idempotent.EXTENSION, value = "true")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "submitTasks", summary = "Queue a batch of tasks (up to gateway.tasks.max-batch per call)",
            description = "Each task's type and version are mapped to an image; every task is queued, or none is. "
                    + "The answer is the batch: its tasks are <batch>.0 to <batch>.<size-1>.")
    @APIResponse(responseCode = "201", description = "Queued",
            content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; details.field names the task and field")
    @APIResponse(responseCode = "422", description = "No image runs a task's type and version")
    public Response submit(TaskSubmission submission) {
        BatchView batch = farm.submit(users.current(identity), submission);
        return Response.created(URI.create("/api/v2/tasks/batches/" + batch.id())).entity(batch).build();
    }

    @GET
    @Operation(operationId = "listTasks", summary = "A page of one batch's tasks in batch order, optionally of one state",
            description = "Results included. Page on with ?after=<next> until next is absent.")
    @APIResponse(responseCode = "400", description = "No batch given, or a bad state, after or limit")
    @APIResponse(responseCode = "404", description = "No such batch of the caller's")
    public TaskView.Page list(@RestQuery String batch, @RestQuery String state,
                              @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String after,
                              @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String limit) {
        if (batch == null || batch.isBlank()) {
            throw ApiException.badRequest("batch", "Name the batch: ?batch=<id> (GET /api/v2/tasks/batches lists them)");
        }
        return farm.tasks(users.current(identity), batch, parseState(state),
                QueryParams.integer("after", after, -1, -1, Integer.MAX_VALUE - 1),
                QueryParams.integer("limit", limit, 100, 1, TaskFarm.MAX_PAGE));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getTask", summary = "One task: its state, tries, estimate and result")
    @APIResponse(responseCode = "404", description = "No such task of the caller's")
    public TaskView get(@RestPath String id) {
        return farm.task(users.current(identity), id);
    }

    @GET
    @Path("/batches")
    @Operation(operationId = "listTaskBatches", summary = "The caller's batches, newest first")
    public List<BatchView> batches(@Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32"))
                                   @RestQuery String limit) {
        return farm.batches(users.current(identity), QueryParams.integer("limit", limit, 50, 1, TaskFarm.MAX_PAGE));
    }

    @GET
    @Path("/batches/{id}")
    @Operation(operationId = "getTaskBatch", summary = "One batch: its tasks per state and the work outstanding")
    @APIResponse(responseCode = "404", description = "No such batch of the caller's")
    public BatchView batch(@RestPath String id) {
        return farm.batch(users.current(identity), id);
    }

    @POST
    @Path("/batches/{id}/cancel")
    @Operation(operationId = "cancelTaskBatch", summary = "Cancel the batch's unfinished tasks",
            description = "Tasks a worker is running finish there; their results are not kept.")
    @APIResponse(responseCode = "200", description = "Cancelled (or already finished)")
    @APIResponse(responseCode = "404", description = "No such batch of the caller's")
    public BatchView cancel(@RestPath String id) {
        return farm.cancel(users.current(identity), id);
    }

    @GET
    @Path("/types")
    @Operation(operationId = "listTaskTypes", summary = "The task types each mapper knows, and the image each runs in",
            description = "Keys are a type, or type@version where one version has an image of its own.")
    public Map<String, Map<String, String>> types() {
        users.current(identity);
        return mapper.routes();
    }

    @POST
    @Path("/workers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "enrolTaskWorker", summary = "Enrol a worker the caller runs themselves, for one image",
            description = "The answer carries the worker's token, once: the worker calls /api/v2/task-workers/{id} "
                    + "with it, and it works nowhere else. Workers the gateway starts as pilots need no enrolment.")
    @APIResponse(responseCode = "201", description = "Enrolled", content = @Content(schema = @Schema(implementation = WorkerView.class)))
    @APIResponse(responseCode = "400", description = "No such image")
    @APIResponse(responseCode = "429", description = "The caller (or the gateway) runs as many workers as allowed")
    public Response enrol(WorkerRequest request) {
        WorkerView worker = workers.enrol(users.current(identity), request);
        return Response.created(URI.create("/api/v2/tasks/workers/" + worker.id())).entity(worker).build();
    }

    @GET
    @Path("/workers")
    @Operation(operationId = "listTaskWorkers", summary = "The caller's workers, newest first: pilots and their own")
    public List<WorkerView> workers() {
        return workers.list(users.current(identity));
    }

    @POST
    @Path("/workers/{id}/drain")
    @Operation(operationId = "drainTaskWorker", summary = "Ask a worker to finish its running task, give back the rest and stop")
    @APIResponse(responseCode = "200", description = "Draining (or already ended)")
    @APIResponse(responseCode = "404", description = "No such worker of the caller's")
    public WorkerView drain(@RestPath String id) {
        return workers.drain(users.current(identity), id);
    }

    private static TaskState parseState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        return Arrays.stream(TaskState.values()).filter(s -> s.wireName().equals(state.strip().toLowerCase()))
                .findFirst().orElseThrow(() -> ApiException.badRequest("state", "'state' must be one of "
                        + Arrays.stream(TaskState.values()).map(TaskState::wireName).toList()));
    }
}
