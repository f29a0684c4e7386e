package io.hpcgateway.cli.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import io.hpcgateway.cli.config.CliConfig;
import io.hpcgateway.cli.http.Gateway;
import io.hpcgateway.cli.http.Query;
import io.hpcgateway.cli.output.Table;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Files of a job: list, upload (resumable), download (resumable), delete; every transfer checksum-verified. */
@Command(name = "files", mixinStandardHelpOptions = true,
        description = "Files in a job's folder: ls, put, get, rm. Transfers show progress, resume after a cut "
                + "connection and are verified by SHA-256.",
        subcommands = {FilesCommand.Ls.class, FilesCommand.Put.class, FilesCommand.Get.class, FilesCommand.Rm.class},
        footerHeading = "%nExamples:%n", footer = {"  hpcgw files put JOB input.dat params.json --to inputs",
                "  hpcgw files ls JOB", "  hpcgw files get JOB results/out.h5 -o out.h5", "  hpcgw files rm JOB scratch.tmp"})
public final class FilesCommand {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMG]?)(i?B)?", Pattern.CASE_INSENSITIVE);

    static String files(String job) {
        return "/api/v2/jobs/" + Query.segment(job) + "/files";
    }

    static long bytes(String size, String option) {
        Matcher m = SIZE.matcher(size.strip());
        if (!m.matches()) {
            throw new CliException(ExitCodes.USAGE, option + " is bytes or a size with a unit (512K, 16M, 1G)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            case "G" -> n << 30;
            default -> n;
        };
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "The job folder's files, recursively.",
            footerHeading = "%nExamples:%n", footer = {"  hpcgw files ls JOB", "  hpcgw files ls JOB results/"})
    static final class Ls implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "JOB") String job;
        @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "Only files under this path") String path;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            JsonNode listed = session.gateway().get(files(job));
            ArrayNode shown = Gateway.JSON.createArrayNode();
            String prefix = path == null ? null : path.replaceAll("^\\./|/+$", "");
            listed.forEach(f -> {
                String name = f.path("path").asText();
                if (prefix == null || prefix.isEmpty() || name.equals(prefix) || name.startsWith(prefix + "/")) {
                    shown.add(f);
                }
            });
            session.output().print(shown, Table.of("PATH", "/path", "TYPE", "/type", "SIZE", "/size", "MODIFIED",
                    "/lastModified", "PERMISSIONS", "/permissions"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "put", mixinStandardHelpOptions = true,
            description = "Upload files into the job folder. Files above --resumable-above go through the "
                    + "gateway's resumable (tus) route in parts, each verified; an interrupted upload resumes, "
                    + "also in a new run of the same command. Every file is checked against its SHA-256.",
            footerHeading = "%nExamples:%n", footer = {"  hpcgw files put JOB data.tar.gz",
                    "  hpcgw files put JOB a.txt b.txt --to inputs", "  hpcgw files put JOB big.h5 --part-size 64M"})
    static final class Put implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "JOB") String job;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE") List<Path> locals;
        @Option(names = "--to", paramLabel = "DIR", description = "A folder inside the job folder") String to;
        @Option(names = "--as", paramLabel = "NAME", description = "With one file: its name in the job folder") String as;
        @Option(names = "--part-size", paramLabel = "SIZE", defaultValue = "16M",
                description = "Bytes per resumable part (default ${DEFAULT-VALUE})") String partSize;
        @Option(names = "--resumable-above", paramLabel = "SIZE", defaultValue = "8M",
                description = "Smaller files go in one request (default ${DEFAULT-VALUE})") String resumableAbove;
        @Mixin TransferOptions transfer;

        @Override
        public Integer call() throws IOException {
            if (as != null && locals.size() > 1) {
                throw new CliException(ExitCodes.USAGE, "--as names one file; give --to for several");
            }
            Session session = Session.of(spec);
            ArrayNode stored = Gateway.JSON.createArrayNode();
            for (Path local : locals) {
                if (!Files.isRegularFile(local)) {
                    throw new CliException(ExitCodes.USAGE, local + " is not a readable file");
                }
                String name = as != null ? as : local.getFileName().toString();
                String remote = to == null || to.isBlank() ? name : to.replaceAll("/+$", "") + "/" + name;
                long size = Files.size(local);
                String sha256 = Checksums.hex(Checksums.of(local, 0, size));
                ProgressBar bar = new ProgressBar(name, size, session.err(), transfer.progress());
                String verified;
                if (size > bytes(resumableAbove, "--resumable-above")) {
                    verified = new TusUpload(session.gateway(), "/api/v2/jobs/" + Query.segment(job),
                            bytes(partSize, "--part-size"), transfer.retries,
                            CliConfig.cacheDirectory(session.config().environment()).resolve("uploads"))
                            .upload(local, remote, sha256, bar);
                } else {
                    verified = direct(session.gateway(), local, remote, sha256);
                    bar.at(size);
                }
                bar.finish();
                stored.add(Gateway.JSON.createObjectNode().put("path", remote).put("size", size).put("sha256", verified));
                if (session.output().isTable()) {
                    session.output().out().println("Uploaded " + remote + " (" + ProgressBar.size(size) + ", sha256 "
                            + verified + ")");
                }
            }
            if (!session.output().isTable()) {
                session.output().print(stored, null);
            }
            return ExitCodes.OK;
        }

        /** One PUT, which the gateway verifies against {@code ?sha256=}. */
        private String direct(Gateway gateway, Path local, String remote, String sha256) throws IOException {
            HttpRequest request = gateway.request(files(job) + "/" + Query.path(remote) + "?sha256=" + sha256)
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofFile(local.toAbsolutePath())).build();
            try {
                gateway.checked(gateway.send(request, HttpResponse.BodyHandlers.ofInputStream())).body().close();
            } catch (IOException e) {
                throw gateway.unreachable(e);
            }
            return sha256;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Download a file of the job, resuming after a cut connection (and from a left-over "
                    + "OUT.part), verified against the gateway's SHA-256 of the file.",
            footerHeading = "%nExamples:%n", footer = {"  hpcgw files get JOB output.txt", "  hpcgw files get JOB results/run.h5 -o run.h5",
                    "  hpcgw files get JOB output.txt -o -        # to stdout, unverified"})
    static final class Get implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "JOB") String job;
        @Parameters(index = "1", paramLabel = "PATH") String path;
        @Option(names = {"-O", "--out"}, paramLabel = "FILE", description = "Where to write it (default: its name here; - for stdout)")
        String out;
        @Mixin TransferOptions transfer;

        @Override
        public Integer call() throws IOException {
            Session session = Session.of(spec);
            String url = files(job) + "/" + Query.path(path);
            if ("-".equals(out)) {
                HttpResponse<InputStream> response = session.gateway().checked(session.gateway().send(
                        session.gateway().request(url).GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
                try (InputStream body = response.body()) {
                    body.transferTo(System.out);
                }
                System.out.flush();
                return ExitCodes.OK;
            }
            Path target = Path.of(out != null ? out : Path.of(path).getFileName().toString());
            String sha256 = new ResumingDownload(session.gateway(), transfer.retries).download(url, target,
                    target.getFileName().toString(), transfer.progress(), session.err());
            long size = Files.size(target);
            session.output().done(Gateway.JSON.createObjectNode().put("path", path).put("file", target.toString())
                    .put("size", size).put("sha256", sha256), "Downloaded " + path + " to " + target + " ("
                    + ProgressBar.size(size) + ", sha256 " + sha256 + ")");
            return ExitCodes.OK;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete a file or folder of the job.",
            footerHeading = "%nExamples:%n", footer = "  hpcgw files rm JOB scratch/")
    static final class Rm implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "JOB") String job;
        @Parameters(index = "1", paramLabel = "PATH") String path;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            session.gateway().send("DELETE", files(job) + "/" + Query.path(path.replaceAll("/+$", "")), null);
            session.output().done(null, "Deleted " + path);
            return ExitCodes.OK;
        }
    }
}
