package io.hpcgateway.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import io.hpcgateway.cli.http.Gateway;
import io.hpcgateway.cli.http.Query;
import io.hpcgateway.cli.output.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The task farm: many short tasks, submitted in batches, run on workers the gateway starts. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "The task farm: submit many short tasks, follow their batches, gather their results.",
        subcommands = {TasksCommand.Submit.class, TasksCommand.Status.class, TasksCommand.Results.class,
                TasksCommand.Cancel.class, TasksCommand.Types.class, TasksCommand.Workers.class},
        footerHeading = "%nExamples:%n", footer = {
                "  seq 10000 | jq -c '{type: \"monte-carlo-pi\", version: \"1.0\", payload: {samples: 1000000, seed: .}}' \\",
                "    | hpcgw tasks submit - --wait",
                "  hpcgw tasks results BATCH > results.jsonl"})
public final class TasksCommand {

    /** The gateway's most tasks per submission (gateway.tasks.max-batch's default). */
    static final int CHUNK = 10_000;
    private static final Duration POLL = Duration.ofSeconds(1);
    static final Table BATCHES = Table.of("BATCH", "/id", "SIZE", "/size", "QUEUED", "/states/queued", "LEASED",
            "/states/leased", "COMPLETED", "/states/completed", "FAILED", "/states/failed", "OUTSTANDING S",
            "/outstandingSeconds", "FINISHED", "/finishedAt");

    static String batchPath(String id) {
        return "/api/v2/tasks/batches/" + Query.segment(id);
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = "Queue tasks from a file of JSON lines (one task per line: type, version, payload, name, "
                    + "mapper) or a JSON array; '-' reads standard input. More than 10,000 go in several batches.",
            footerHeading = "%nExamples:%n", footer = {"  hpcgw tasks submit tasks.jsonl", "  hpcgw tasks submit - --wait"})
    static final class Submit implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "JSON lines or a JSON array of tasks; - for standard input")
        String file;
        @Option(names = "--max-attempts", description = "Tries per task (1-10; the gateway's default when absent)")
        Integer maxAttempts;
        @Option(names = "--cluster", description = "Cluster (the default cluster when absent)") String cluster;
        @Option(names = "--wait", description = "Wait until every batch has finished; exit 1 if a task did not complete")
        boolean await;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            Gateway gateway = session.gateway();
            ArrayNode batches = Gateway.JSON.createArrayNode();
            ArrayNode chunk = Gateway.JSON.createArrayNode();
            // JSON lines, or any sequence of JSON values: one task each, or an array of them.
            try (Reader in = reader(file); MappingIterator<JsonNode> values = Gateway.JSON.readerFor(JsonNode.class)
                    .readValues(in)) {
                while (values.hasNextValue()) {
                    JsonNode value = values.nextValue();
                    if (value.isArray()) {
                        value.forEach(task -> add(gateway, batches, chunk, task));
                    } else {
                        add(gateway, batches, chunk, value);
                    }
                }
            } catch (IOException | RuntimeJsonMappingException e) {
                throw new CliException(ExitCodes.USAGE, "Cannot read the tasks: " + e.getMessage());
            }
            if (!chunk.isEmpty()) {
                batches.add(send(gateway, chunk));
            }
            if (batches.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "No tasks in " + file);
            }
            if (!await) {
                session.output().print(batches, BATCHES);
                return ExitCodes.OK;
            }
            ArrayNode finished = Gateway.JSON.createArrayNode();
            batches.forEach(batch -> finished.add(waitFor(gateway, batch.get("id").asText())));
            session.output().print(finished, BATCHES);
            return allCompleted(finished) ? ExitCodes.OK : ExitCodes.JOB_UNSUCCESSFUL;
        }

        private void add(Gateway gateway, ArrayNode batches, ArrayNode chunk, JsonNode task) {
            chunk.add(task);
            if (chunk.size() == CHUNK) {
                batches.add(send(gateway, chunk));
                chunk.removeAll();
            }
        }

        private JsonNode send(Gateway gateway, ArrayNode tasks) {
            ObjectNode body = Gateway.JSON.createObjectNode();
            body.set("tasks", tasks.deepCopy());
            if (maxAttempts != null) {
                body.put("maxAttempts", maxAttempts);
            }
            if (cluster != null) {
                body.put("cluster", cluster);
            }
            return gateway.post("/api/v2/tasks", body);
        }

        private static Reader reader(String file) throws IOException {
            return "-".equals(file) ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                    : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Batches with their tasks per state (your recent ones when none is named).",
            footerHeading = "%nExamples:%n", footer = {"  hpcgw tasks status", "  hpcgw tasks status BATCH --wait"})
    static final class Status implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "BATCH", arity = "0..*") java.util.List<String> ids;
        @Option(names = "--wait", description = "Wait until the batches have finished; exit 1 if a task did not complete")
        boolean await;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            Gateway gateway = session.gateway();
            if (ids == null || ids.isEmpty()) {
                session.output().print(gateway.get("/api/v2/tasks/batches"), BATCHES);
                return ExitCodes.OK;
            }
            ArrayNode batches = Gateway.JSON.createArrayNode();
            ids.forEach(id -> batches.add(await ? waitFor(gateway, id) : gateway.get(batchPath(id))));
            session.output().print(batches, BATCHES);
            return !await || allCompleted(batches) ? ExitCodes.OK : ExitCodes.JOB_UNSUCCESSFUL;
        }
    }

    @Command(name = "results", mixinStandardHelpOptions = true,
            description = "Every task of the batch as a JSON line ({id, name, state, result, error}), in batch order.",
            footerHeading = "%nExamples:%n", footer = {"  hpcgw tasks results BATCH > results.jsonl",
                    "  hpcgw tasks results BATCH --state failed"})
    static final class Results implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "BATCH") String id;
        @Option(names = "--state", description = "Only tasks in this state (completed, failed, killed, ...)") String state;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            Gateway gateway = session.gateway();
            PrintStream out = session.output().out();
            Integer after = null;
            do {
                JsonNode page = gateway.get("/api/v2/tasks" + Query.of("batch", id, "state", state, "after", after,
                        "limit", 1000));
                for (JsonNode task : page.path("items")) {
                    ObjectNode line = Gateway.JSON.createObjectNode().put("id", task.path("id").asText());
                    for (String field : new String[] {"name", "state", "result", "error"}) {
                        if (task.hasNonNull(field)) {
                            line.set(field, task.get(field));
                        }
                    }
                    out.println(line);
                }
                after = page.hasNonNull("next") ? page.get("next").asInt() : null;
            } while (after != null);
            return ExitCodes.OK;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a batch's unfinished tasks.",
            footerHeading = "%nExamples:%n", footer = "  hpcgw tasks cancel BATCH")
    static final class Cancel implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "BATCH") String id;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            session.output().print(session.gateway().post(batchPath(id) + "/cancel", null), BATCHES);
            return ExitCodes.OK;
        }
    }

    @Command(name = "types", mixinStandardHelpOptions = true,
            description = "The task types each mapper knows, and the image each runs in.",
            footerHeading = "%nExamples:%n", footer = {"  hpcgw tasks types", "  hpcgw tasks types -o json"})
    static final class Types implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            session.output().print(session.gateway().get("/api/v2/tasks/types"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "workers", mixinStandardHelpOptions = true,
            description = "Your workers (the pilots and pool pods the gateway started, and your own), newest first.",
            footerHeading = "%nExamples:%n", footer = {"  hpcgw tasks workers", "  hpcgw tasks workers -o json"})
    static final class Workers implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            session.output().print(session.gateway().get("/api/v2/tasks/workers"), Table.of("WORKER", "/id",
                    "IMAGE", "/image", "STATE", "/state", "JOB", "/jobId", "POOL", "/pool", "TASKS", "/tasksDone", "BUSY MS",
                    "/busyMillis", "ENDED", "/endedAt", "WHY", "/endReason"));
            return ExitCodes.OK;
        }
    }

    /** Polls the batch until it has finished; its last view. */
    static JsonNode waitFor(Gateway gateway, String id) {
        while (true) {
            JsonNode batch = gateway.get(batchPath(id));
            if (batch.hasNonNull("finishedAt")) {
                return batch;
            }
            try {
                Thread.sleep(POLL.toMillis()); // a remote batch's progress, looked at once a second
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(130, "Interrupted");
            }
        }
    }

    static boolean allCompleted(JsonNode batches) {
        for (JsonNode batch : batches) {
            if (batch.path("states").path("completed").asLong() != batch.path("size").asLong()) {
                return false;
            }
        }
        return true;
    }
}
