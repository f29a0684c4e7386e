package io.hpcgateway.gateway.files;

import io.hpcgateway.gateway.cluster.Cluster;
import io.hpcgateway.gateway.cluster.ClusterCalls;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.cluster.FileTransfer;
import io.hpcgateway.gateway.cluster.Firecrest;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobStore;
import io.hpcgateway.gateway.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Files in a job's folder. Paths are relative to the folder and checked here ({@code ..}, absolute
 * paths, control characters refused); the cluster front end then resolves symbolic links and
 * keeps every path inside the user's own directory.
 */
@ApplicationScoped
public class JobFiles {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    /** One file of a job, by its path relative to the job folder, with its owner and mode as the cluster lists them. */
    public record FileView(String path, String type, long size, String lastModified, String linkTarget, String user,
                           String group, String permissions) {}

    /** A regular file's metadata. */
    public record FileStat(String path, long size, Instant modified) {}

    private final Clusters clusters;
    private final ClusterCalls calls;
    private final FileTransfer transfer;
    private final JobStore jobs;

    JobFiles(Clusters clusters, ClusterCalls calls, FileTransfer transfer, JobStore jobs) {
        this.jobs = jobs;
        this.clusters = clusters;
        this.calls = calls;
        this.transfer = transfer;
    }

    public List<FileView> list(GatewayJob job) {
        return calls.ls(clusters.get(job.cluster), job.clusterUser, job.folder).stream()
                .map(e -> view(e.name(), e))
                .toList();
    }

    /** Bytes in the job folder's files (links not followed); 0 once the folder is gone. */
    public long folderSize(GatewayJob job) {
        try {
            return list(job).stream().filter(f -> f.type().equals("file")).mapToLong(FileView::size).sum();
        } catch (ApiException e) {
            if (e.status() == 404) {
                return 0;
            }
            throw e;
        }
    }

    /** Creates the job folder again if it was removed (idempotent). */
    public void ensureFolder(GatewayJob job) {
        calls.mkdirs(clusters.get(job.cluster), job.clusterUser, job.folder);
    }

    /**
     * Streams the body ({@code size} bytes, negative when unknown) into the job folder; with
     * {@code sha256}, a mismatch removes the file and answers 422.
     */
    public FileView upload(GatewayJob job, String rawPath, InputStream body, long size, String sha256) {
        requireInputsOpen(job);
        if (sha256 != null && !isSha256(sha256)) {
            throw ApiException.badRequest("sha256", "'sha256' must be 64 hexadecimal digits");
        }
        String relative = relative(rawPath);
        jobs.filesWritten(job); // before the first byte: from now on the job stays on its cluster
        Cluster cluster = clusters.get(job.cluster);
        int slash = relative.lastIndexOf('/');
        String dir = slash < 0 ? job.folder : job.folder + "/" + relative.substring(0, slash);
        if (slash >= 0) {
            calls.mkdirs(cluster, job.clusterUser, dir);
        }
        transfer.upload(cluster, job.clusterUser, dir, relative.substring(slash + 1), body, size);
        String target = job.folder + "/" + relative;
        if (sha256 != null) {
            String actual = calls.sha256(cluster, job.clusterUser, target);
            if (!actual.equalsIgnoreCase(sha256)) {
                calls.rm(cluster, job.clusterUser, target);
                throw new ApiException(422, "checksum_mismatch", "The uploaded content's SHA-256 is " + actual
                        + ", not " + sha256 + "; the file was removed, upload it again",
                        Map.of("expected", sha256.toLowerCase(), "actual", actual));
            }
        }
        return calls.ls(cluster, job.clusterUser, target).stream().findFirst()
                .map(e -> view(relative, e))
                .orElseThrow(() -> ApiException.notFound("File", relative));
    }

    /** 409 while the job is queued or running: its inputs stay as they were launched. */
    static void requireInputsOpen(GatewayJob job) {
        if (job.state.isActive()) {
            throw ApiException.conflict("Job " + job.id + " is " + job.state.wireName()
                    + "; its inputs cannot change until it ends", Map.of("state", job.state));
        }
    }

    static boolean isSha256(String value) {
        return SHA256.matcher(value).matches();
    }

    /** The SHA-256 (hex) of a file of the job, as the cluster computes it. */
    public String sha256(GatewayJob job, String rawPath) {
        return calls.sha256(clusters.get(job.cluster), job.clusterUser, job.folder + "/" + relative(rawPath));
    }

    /** A regular file's size and modification time, without its content; 404 for anything else. */
    public FileStat stat(GatewayJob job, String rawPath) {
        String relative = relative(rawPath);
        Firecrest.Stat stat = calls.stat(clusters.get(job.cluster), job.clusterUser, job.folder + "/" + relative);
        if (!stat.isRegularFile()) {
            throw ApiException.notFound("File", relative);
        }
        return new FileStat(relative, stat.size(), Instant.ofEpochSecond(stat.mtime()));
    }

    public FileTransfer.Download download(GatewayJob job, String rawPath, String range) {
        return transfer.download(clusters.get(job.cluster), job.clusterUser, job.folder + "/" + relative(rawPath),
                RangeHeader.checked(range));
    }

    public void delete(GatewayJob job, String rawPath) {
        calls.rm(clusters.get(job.cluster), job.clusterUser, job.folder + "/" + relative(rawPath));
    }

    private static FileView view(String path, Firecrest.Entry entry) {
        String type = entry.type().equals("d") ? "directory" : entry.type().equals("l") ? "link" : "file";
        return new FileView(path, type, Long.parseLong(entry.size()), entry.lastModified(), entry.linkTarget(),
                entry.user(), entry.group(), entry.permissions());
    }

    /** The path inside the job folder, normalised; anything that could leave it is refused. */
    static String relative(String rawPath) {
        if (rawPath == null || rawPath.isBlank()) {
            throw ApiException.badRequest("path", "A file path inside the job folder is required");
        }
        if (rawPath.startsWith("/") || rawPath.length() > 4096 || rawPath.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.forbidden("'" + printable(rawPath) + "' is not a relative path inside the job folder");
        }
        StringBuilder clean = new StringBuilder();
        for (String segment : rawPath.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..") || segment.length() > 255 || segment.contains("\"") || segment.contains("\\")) {
                throw ApiException.forbidden("'" + printable(rawPath) + "' leaves the job folder or has an unusable name");
            }
            clean.append(clean.length() == 0 ? "" : "/").append(segment);
        }
        if (clean.length() == 0) {
            throw ApiException.badRequest("path", "A file path inside the job folder is required");
        }
        return clean.toString();
    }

    private static String printable(String raw) {
        String shown = raw.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 80 ? shown.substring(0, 80) + "..." : shown;
    }
}
