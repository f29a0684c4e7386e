package io.hpcgateway.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import io.hpcgateway.cli.http.Gateway;
import io.hpcgateway.cli.http.Query;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hpcgw jobs create}: a job from a template with parameters, a batch script, or a command. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a job (state pending) from a template, a script or a command. --dry-run shows the "
                + "rendered script and the estimated charge without creating anything; --launch submits it at once.",
        footerHeading = "%nExamples:%n", footer = {
                "  hpcgw jobs create --template batch-standard --param command='python run.py' --cpus-per-node 4 --time 30",
                "  hpcgw jobs create --script job.sh --partition debug --launch",
                "  hpcgw jobs create --command 'tr a-z A-Z < in.txt > out.txt' --name upper",
                "  hpcgw jobs create --template mpi-standard --nodes 2 --dry-run"})
public final class CreateJob implements Callable<Integer> {

    private static final Pattern MEMORY = Pattern.compile("(\\d+)\\s*([KMGT]?)(i?B)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLOCK = Pattern.compile("(?:(\\d+)-)?(?:(\\d+):)?(\\d+):(\\d+)");

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--template", paramLabel = "ID[@VERSION]", description = "A workload template") String template;
        @Option(names = "--script", paramLabel = "FILE", description = "A complete batch script (#!...)") Path script;
        @Option(names = "--command", paramLabel = "CMD", description = "A shell command") String command;
    }

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "A template parameter (repeatable); "
            + "typed by the template's schema") Map<String, String> parameters = new LinkedHashMap<>();
    @Option(names = "--name", description = "The job's name (default: the template, or 'hpcgw')") String name;
    @Option(names = "--image", paramLabel = "IMAGE", description = "With --command: run it in this container image") String image;
    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "An environment variable (script and command jobs)")
    Map<String, String> env;
    @Option(names = "--nodes", paramLabel = "N") Integer nodes;
    @Option(names = "--cpus-per-node", paramLabel = "N") Integer cpusPerNode;
    @Option(names = "--mem", paramLabel = "SIZE", description = "Memory per node: MiB, or with a unit (512M, 4G)") String memory;
    @Option(names = "--gpus", paramLabel = "N", description = "GPUs per node") Integer gpus;
    @Option(names = "--time", paramLabel = "LIMIT", description = "Wall-clock limit: minutes, or [D-]HH:MM:SS") String time;
    @Option(names = "--partition", paramLabel = "NAME") String partition;
    @Option(names = "--cluster", paramLabel = "NAME", description = "The cluster (default: the gateway places the job; "
            + "hpcgw clusters, hpcgw jobs placement JOB)") String cluster;
    @Option(names = "--region", paramLabel = "REGION", description = "Run near this region (eu-central...) when the "
            + "gateway places the job (default: your account's)") String region;
    @Option(names = "--dry-run", description = "Show the rendered script, resources and estimated charge; create nothing") boolean dryRun;
    @Option(names = "--launch", description = "Launch the job once created") boolean launch;

    @Override
    public Integer call() throws IOException {
        Session session = Session.of(spec);
        ObjectNode request = Gateway.JSON.createObjectNode();
        request.put("name", name != null ? name : what.template != null ? what.template.split("@")[0] : "hpcgw");
        if (what.template != null) {
            request.put("template", what.template);
            request.set("parameters", typedParameters(session, what.template));
        } else if (what.script != null) {
            request.put("script", Files.readString(what.script));
        } else {
            request.put("command", what.command);
        }
        if (!parameters.isEmpty() && what.template == null) {
            throw new CliException(ExitCodes.USAGE, "--param is for template jobs; script and command jobs take --env");
        }
        putIfSet(request, "image", image);
        putIfSet(request, "partition", partition);
        putIfSet(request, "cluster", cluster);
        putIfSet(request, "region", region);
        if (env != null) {
            request.set("env", Gateway.JSON.valueToTree(env));
        }
        ObjectNode resources = request.putObject("resources");
        putIfSet(resources, "nodes", nodes);
        putIfSet(resources, "cpusPerNode", cpusPerNode);
        putIfSet(resources, "gpusPerNode", gpus);
        putIfSet(resources, "memoryMbPerNode", memory == null ? null : megabytes(memory));
        putIfSet(resources, "timeLimitMinutes", time == null ? null : minutes(time));
        if (dryRun) {
            JsonNode estimate = session.gateway().post("/api/v2/billing/estimate", request);
            if (session.output().isTable()) {
                JsonNode plan = estimate.path("plan");
                session.output().out().print(plan.path("script").asText());
                ObjectNode rest = plan.deepCopy();
                rest.remove("script");
                session.output().out().println();
                session.output().print(rest);
                JsonNode invoice = estimate.path("invoice");
                session.output().out().println("estimated charge: at most " + invoice.path("total").asLong() + " "
                        + invoice.path("currency").asText() + " for " + estimate.path("basis").asText());
            } else {
                session.output().print(estimate, null);
            }
            return ExitCodes.OK;
        }
        JsonNode job = session.gateway().post("/api/v2/jobs", request);
        String id = job.path("id").asText();
        if (launch) {
            job = session.gateway().post(JobsCommand.path(id) + "/launch", null);
        }
        session.output().done(job, id);
        return ExitCodes.OK;
    }

    /** Each --param as its schema says (integer, number, boolean as JSON values; the rest as text). */
    private ObjectNode typedParameters(Session session, String template) {
        JsonNode schema = session.gateway().get("/api/v2/templates/" + Query.segment(template))
                .path("manifest").path("parameter_schema");
        Map<String, String> types = new LinkedHashMap<>();
        schema.forEach(p -> types.put(p.path("name").asText(), p.path("type").asText()));
        ObjectNode typed = Gateway.JSON.createObjectNode();
        parameters.forEach((key, value) -> {
            String type = types.getOrDefault(key, "string");
            try {
                switch (type) {
                    case "integer", "number" -> typed.put(key, new BigDecimal(value.strip()));
                    case "boolean" -> {
                        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                            throw new NumberFormatException();
                        }
                        typed.put(key, Boolean.parseBoolean(value));
                    }
                    default -> typed.put(key, value);
                }
            } catch (NumberFormatException e) {
                throw new CliException(ExitCodes.USAGE, "--param " + key + " must be " + (type.equals("boolean")
                        ? "true or false" : "a " + type) + ", not '" + value + "'");
            }
        });
        return typed;
    }

    static long megabytes(String size) {
        Matcher m = MEMORY.matcher(size.strip());
        if (!m.matches()) {
            throw new CliException(ExitCodes.USAGE, "--mem is MiB (4096) or a size with a unit (512M, 4G)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toUpperCase()) {
            case "K" -> Math.max(1, n / 1024);
            case "G" -> n * 1024;
            case "T" -> n * 1024 * 1024;
            default -> n;
        };
    }

    static long minutes(String limit) {
        String value = limit.strip();
        if (value.matches("\\d+")) {
            return Long.parseLong(value);
        }
        Matcher m = CLOCK.matcher(value);
        if (!m.matches()) {
            throw new CliException(ExitCodes.USAGE, "--time is minutes (90) or [D-]HH:MM:SS (1-12:00:00)");
        }
        long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long hours = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        long mins = Long.parseLong(m.group(3));
        long seconds = Long.parseLong(m.group(4));
        // Without hours the form is MM:SS; SLURM rounds seconds up to the next minute.
        if (m.group(2) == null) {
            return mins + (seconds > 0 ? 1 : 0);
        }
        return days * 1440 + hours * 60 + mins + (seconds > 0 ? 1 : 0);
    }

    private static void putIfSet(ObjectNode node, String field, Object value) {
        if (value instanceof String text) {
            node.put(field, text);
        } else if (value instanceof Number number) {
            node.put(field, number.longValue());
        }
    }
}
