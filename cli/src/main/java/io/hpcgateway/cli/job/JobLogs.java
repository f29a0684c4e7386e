package io.hpcgateway.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import io.hpcgateway.cli.http.Gateway;
import io.hpcgateway.cli.http.Query;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The job's output file, once or followed with Range requests until the job ends. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print the job's output (SLURM's slurm-<id>.out in the job folder, or --file); -f follows "
                + "it until the job ends.",
        footerHeading = "%nExamples:%n", footer = {"  hpcgw jobs logs JOB", "  hpcgw jobs logs -f JOB",
                "  hpcgw jobs logs JOB --file results/log.txt"})
public final class JobLogs implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB")
    String id;

    @Option(names = {"-f", "--follow"}, description = "Keep printing what is appended until the job ends")
    boolean follow;

    @Option(names = "--file", paramLabel = "PATH", description = "Another file of the job folder")
    String file;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2", description = "With -f: how often to look")
    double interval;

    @Override
    public Integer call() throws IOException {
        Session session = Session.of(spec);
        Gateway gateway = session.gateway();
        long offset = 0;
        while (true) {
            JsonNode job = gateway.get(JobsCommand.path(id));
            boolean ended = WatchJob.FINAL.contains(job.path("state").asText());
            String path = file != null ? file : job.hasNonNull("schedulerJobId")
                    ? "slurm-" + job.path("schedulerJobId").asText() + ".out" : null;
            if (path != null) {
                offset += copyFrom(gateway, path, offset, !follow);
            } else if (!follow) {
                session.err().println("hpcgw: job " + id + " has not been launched: it has no output yet");
                return ExitCodes.NOT_FOUND;
            }
            if (!follow || ended) {
                return ExitCodes.OK;
            }
            WatchJob.pause(interval);
        }
    }

    /** Prints the file from {@code offset}; answers the bytes printed (0 while the file does not exist yet when following). */
    private long copyFrom(Gateway gateway, String path, long offset, boolean mustExist) throws IOException {
        var request = gateway.request(JobsCommand.path(id) + "/files/" + Query.path(path)).GET();
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
        }
        HttpResponse<InputStream> response = gateway.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 416 || (!mustExist && response.statusCode() == 404)) {
            response.body().close();
            return 0;
        }
        try (InputStream body = gateway.checked(response).body()) {
            long copied = body.transferTo(System.out);
            System.out.flush();
            return copied;
        }
    }
}
