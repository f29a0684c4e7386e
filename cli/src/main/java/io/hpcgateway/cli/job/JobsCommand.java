package io.hpcgateway.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import io.hpcgateway.cli.http.Query;
import io.hpcgateway.cli.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Jobs: create, list, show, launch, cancel, delete, watch, logs, placement. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Your jobs: create (from a template, a script or a command), list, show, launch, cancel, "
                + "delete, watch until they end, read their output, see why they went where they did.",
        subcommands = {CreateJob.class, JobsCommand.List.class, JobsCommand.Show.class, JobsCommand.Launch.class,
                JobsCommand.Cancel.class, JobsCommand.Delete.class, WatchJob.class, JobLogs.class, JobPlacement.class},
        footerHeading = "%nExamples:%n", footer = {"  hpcgw jobs create --command 'hostname' --launch",
                "  hpcgw jobs list --state running", "  hpcgw jobs watch JOB", "  hpcgw jobs logs -f JOB"})
public final class JobsCommand {

    static final Table TABLE = Table.of("ID", "/id", "NAME", "/name", "STATE", "/state", "CLUSTER", "/cluster",
            "SCHEDULER ID", "/schedulerJobId", "EXIT", "/exitCode", "CREATED", "/createdAt");

    static String path(String id) {
        return "/api/v2/jobs/" + Query.segment(id);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Your jobs, newest first.",
            footerHeading = "%nExamples:%n", footer = {"  hpcgw jobs list", "  hpcgw jobs list --state completed -o json"})
    static final class List implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--state", description = "pending, queued, starting, running, suspended, completed, failed, "
                + "cancelled, timeout") String state;
        @Option(names = "--page", description = "Page number, from 0") Integer page;
        @Option(names = "--size", description = "Jobs per page (default 50)") Integer size;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            session.output().print(session.gateway().get("/api/v2/jobs" + Query.of("state", state, "page", page,
                    "size", size)), TABLE);
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One job, with its events.",
            footerHeading = "%nExamples:%n", footer = "  hpcgw jobs show JOB")
    static final class Show implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "JOB") String id;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            JsonNode job = session.gateway().get(path(id));
            session.output().print(job);
            return ExitCodes.OK;
        }
    }

    @Command(name = "launch", mixinStandardHelpOptions = true,
            description = "Submit the job to the scheduler (launching twice submits once).",
            footerHeading = "%nExamples:%n", footer = "  hpcgw jobs launch JOB")
    static final class Launch implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "JOB") String id;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            JsonNode job = session.gateway().post(path(id) + "/launch", null);
            session.output().done(job, "Launched " + id + ": " + job.path("state").asText()
                    + (job.hasNonNull("schedulerJobId") ? " (scheduler id " + job.path("schedulerJobId").asText() + ")" : ""));
            return ExitCodes.OK;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel the job; its final state follows from the scheduler.",
            footerHeading = "%nExamples:%n", footer = "  hpcgw jobs cancel JOB && hpcgw jobs watch JOB")
    static final class Cancel implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "JOB") String id;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            JsonNode job = session.gateway().post(path(id) + "/cancel", null);
            session.output().done(job, "Cancel requested for " + id + ": " + job.path("state").asText());
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Cancel the job if active, remove its folder and forget it.",
            footerHeading = "%nExamples:%n", footer = "  hpcgw jobs delete JOB")
    static final class Delete implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "JOB") String id;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            session.gateway().send("DELETE", path(id), null);
            session.output().done(null, "Deleted " + id);
            return ExitCodes.OK;
        }
    }
}
