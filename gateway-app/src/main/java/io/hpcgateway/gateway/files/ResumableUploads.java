package io.hpcgateway.gateway.files;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.hpcgateway.gateway.cluster.Cluster;
import io.hpcgateway.gateway.cluster.ClusterCalls;
import io.hpcgateway.gateway.cluster.Clusters;
import io.hpcgateway.gateway.cluster.FileTransfer;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobStore;
import io.hpcgateway.gateway.platform.ApiException;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.SequenceInputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

/**
 * Resumable uploads (the tus protocol, see {@link UploadsResource}). Every part is streamed to
 * the cluster as it arrives, into a folder of the job's own ({@code .hpcgw-upload-<id>}); after
 * the last byte the gateway streams the parts, in order, into the target file, computing its
 * SHA-256 on the way, and compares that with the cluster's checksum of what it stored and with
 * the one the client declared. Only the plain FirecREST file operations are used, so this works
 * against any cluster the gateway can upload to.
 */
@ApplicationScoped
public class ResumableUploads {

    private static final Logger LOG = Logger.getLogger(ResumableUploads.class);
    /** The prefix of a part folder in the job folder; the folder goes when the file is made. */
    static final String PARTS_FOLDER = ".hpcgw-upload-";

    private final Clusters clusters;
    private final ClusterCalls calls;
    private final FileTransfer transfer;
    private final GatewayConfig config;
    private final JobStore jobs;

    ResumableUploads(Clusters clusters, ClusterCalls calls, FileTransfer transfer, GatewayConfig config, JobStore jobs) {
        this.jobs = jobs;
        this.clusters = clusters;
        this.calls = calls;
        this.transfer = transfer;
        this.config = config;
    }

    void createIndexes(@Observes StartupEvent event) {
        ResumableUpload.mongoCollection().createIndex(Indexes.ascending("owner", "jobId"));
        ResumableUpload.mongoCollection().createIndex(Indexes.ascending("expiresAt"));
    }

    /** A new upload of {@code length} bytes to {@code rawPath} in the job's folder, its parts folder made. */
    public ResumableUpload create(GatewayJob job, String rawPath, long length, String sha256, String metadata) {
        JobFiles.requireInputsOpen(job);
        String path = JobFiles.relative(rawPath);
        if (length < 0) {
            throw ApiException.badRequest("Upload-Length", "'Upload-Length' must be the file's size in bytes "
                    + "(Upload-Defer-Length is not supported)");
        }
        long max = config.maxUploadSize().asLongValue();
        if (length > max) {
            throw new ApiException(413, "too_large", "The file is " + length + " bytes; this gateway takes at most "
                    + max, Map.of("maxSize", max));
        }
        if (sha256 != null && !JobFiles.isSha256(sha256)) {
            throw ApiException.badRequest("Upload-Metadata", "The metadata 'sha256' must be 64 hexadecimal digits");
        }
        ResumableUpload upload = new ResumableUpload();
        upload.id = UUID.randomUUID().toString();
        upload.owner = job.owner;
        upload.jobId = job.id;
        upload.path = path;
        upload.length = length;
        upload.sha256 = sha256 == null ? null : sha256.toLowerCase();
        upload.metadata = metadata;
        upload.partsFolder = job.folder + "/" + PARTS_FOLDER + upload.id;
        upload.createdAt = Instant.now();
        upload.expiresAt = upload.createdAt.plus(config.uploads().expiry());
        jobs.filesWritten(job); // its parts go to the cluster: from now on the job stays there
        calls.mkdirs(clusters.get(job.cluster), job.clusterUser, upload.partsFolder);
        upload.persist();
        return upload;
    }

    /** The caller's upload into that job; 404 for anyone else's, or one that has expired. */
    public ResumableUpload owned(GatewayJob job, String uploadId) {
        ResumableUpload upload = ResumableUpload.findById(uploadId);
        if (upload == null || !upload.jobId.equals(job.id) || !upload.owner.equals(job.owner)
                || upload.expiresAt.isBefore(Instant.now())) {
            throw ApiException.notFound("Upload", uploadId);
        }
        return upload;
    }

    /**
     * Stores the body as the part starting at {@code offset} and answers the upload as it now is;
     * the last part also joins the file. An empty body at the end joins again a file whose join failed.
     *
     * @param contentLength the body's declared length, negative when chunked
     * @param checksum      tus's {@code Upload-Checksum} of this body (sha256), or null
     */
    public ResumableUpload append(GatewayJob job, ResumableUpload upload, long offset, InputStream body,
                                  long contentLength, byte[] checksum) {
        if (upload.phase == ResumableUpload.Phase.COMPLETE) {
            if (offset == upload.length && contentLength <= 0) {
                return upload;
            }
            throw ApiException.conflict("The upload is complete", Map.of("offset", upload.offset));
        }
        if (offset != upload.offset) {
            throw new ApiException(409, "offset_mismatch", "The upload is at offset " + upload.offset + ", not "
                    + offset + "; ask with HEAD and send from there", Map.of("offset", upload.offset));
        }
        long remaining = upload.length - upload.offset;
        if (contentLength > remaining) {
            throw new ApiException(413, "too_large", "The body (" + contentLength + " bytes) goes past Upload-Length; "
                    + remaining + " bytes remain", Map.of("remaining", remaining));
        }
        JobFiles.requireInputsOpen(job);
        ResumableUpload current = remaining == 0 ? upload : storePart(job, upload, body, contentLength, checksum);
        return current.offset == current.length ? assemble(job, current) : current;
    }

    private ResumableUpload storePart(GatewayJob job, ResumableUpload upload, InputStream body, long contentLength,
                                      byte[] checksum) {
        Cluster cluster = clusters.get(job.cluster);
        long remaining = upload.length - upload.offset;
        String name = String.format("%020d-%s", upload.offset, UUID.randomUUID().toString().substring(0, 8));
        String partPath = upload.partsFolder + "/" + name;
        BoundedStream bounded = new BoundedStream(body, remaining);
        DigestInputStream digested = new DigestInputStream(bounded, sha256());
        transfer.upload(cluster, job.clusterUser, upload.partsFolder, name, digested, contentLength);
        long size = bounded.count();
        if (bounded.hasMore()) {
            calls.rm(cluster, job.clusterUser, partPath);
            throw new ApiException(413, "too_large", "The body goes past Upload-Length; " + remaining
                    + " bytes remain", Map.of("remaining", remaining));
        }
        if (checksum != null && !MessageDigest.isEqual(checksum, digested.getMessageDigest().digest())) {
            calls.rm(cluster, job.clusterUser, partPath);
            throw new ApiException(460, "checksum_mismatch", "This part's SHA-256 differs from its Upload-Checksum; "
                    + "it was not kept, send it again", Map.of("offset", upload.offset));
        }
        if (size == 0) {
            calls.rm(cluster, job.clusterUser, partPath);
            return upload;
        }
        ResumableUpload advanced = update(Filters.and(Filters.eq("_id", upload.id), Filters.eq("offset", upload.offset),
                        Filters.eq("phase", ResumableUpload.Phase.RECEIVING)),
                Updates.combine(Updates.set("offset", upload.offset + size),
                        Updates.push("parts", new ResumableUpload.Part(name, upload.offset, size))));
        if (advanced == null) {
            calls.rm(cluster, job.clusterUser, partPath);
            throw new ApiException(409, "offset_mismatch", "Another request appended to this upload meanwhile; ask "
                    + "with HEAD where it is", Map.of());
        }
        return advanced;
    }

    /** Joins the parts into the target file and verifies it; one request at a time does this. */
    private ResumableUpload assemble(GatewayJob job, ResumableUpload upload) {
        Instant now = Instant.now();
        ResumableUpload claimed = update(Filters.and(Filters.eq("_id", upload.id), Filters.eq("offset", upload.length),
                        Filters.or(Filters.eq("phase", ResumableUpload.Phase.RECEIVING),
                                Filters.and(Filters.eq("phase", ResumableUpload.Phase.ASSEMBLING),
                                        Filters.lt("assemblingSince", now.minus(config.uploads().assemblyTimeout()))))),
                Updates.combine(Updates.set("phase", ResumableUpload.Phase.ASSEMBLING),
                        Updates.set("assemblingSince", now)));
        if (claimed == null) {
            ResumableUpload latest = ResumableUpload.findById(upload.id);
            if (latest != null && latest.phase == ResumableUpload.Phase.COMPLETE) {
                return latest;
            }
            throw new ApiException(409, "assembling", "The upload's parts are being joined; ask with HEAD until "
                    + "Upload-Offset equals Upload-Length and Upload-Phase is complete", Map.of());
        }
        try {
            String actual = join(job, claimed);
            update(Filters.eq("_id", claimed.id), Updates.combine(Updates.set("phase", ResumableUpload.Phase.COMPLETE),
                    Updates.set("verifiedSha256", actual), Updates.set("parts", List.of())));
            removeParts(job, claimed);
            return ResumableUpload.findById(claimed.id);
        } catch (ApiException | UncheckedIOException e) {
            if (!(e instanceof ApiException api && "checksum_mismatch".equals(api.error()))) {
                update(Filters.eq("_id", claimed.id), Updates.set("phase", ResumableUpload.Phase.RECEIVING));
            }
            throw e;
        }
    }

    /** Streams the parts into the target and answers its verified SHA-256. */
    private String join(GatewayJob job, ResumableUpload upload) {
        Cluster cluster = clusters.get(job.cluster);
        String target = job.folder + "/" + upload.path;
        int slash = target.lastIndexOf('/');
        String dir = target.substring(0, slash);
        calls.mkdirs(cluster, job.clusterUser, dir);
        Iterator<ResumableUpload.Part> parts = upload.parts.iterator();
        DigestInputStream joined = new DigestInputStream(new SequenceInputStream(new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return parts.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return transfer.download(cluster, job.clusterUser, upload.partsFolder + "/" + parts.next().name, null)
                        .body();
            }
        }), sha256());
        try (InputStream whole = joined) {
            transfer.upload(cluster, job.clusterUser, dir, target.substring(slash + 1), whole, upload.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String sent = HexFormat.of().formatHex(joined.getMessageDigest().digest());
        String stored = calls.sha256(cluster, job.clusterUser, target).toLowerCase();
        if (!stored.equals(sent)) {
            calls.rm(cluster, job.clusterUser, target);
            throw new ApiException(503, "cluster_unavailable", "The cluster stored other bytes than the gateway sent "
                    + "(SHA-256 " + stored + ", sent " + sent + "); send an empty PATCH at the end to join again",
                    Map.of("cluster", cluster.name()));
        }
        if (upload.sha256 != null && !upload.sha256.equals(stored)) {
            calls.rm(cluster, job.clusterUser, target);
            removeParts(job, upload);
            upload.delete();
            throw new ApiException(422, "checksum_mismatch", "The uploaded content's SHA-256 is " + stored + ", not "
                    + upload.sha256 + "; the file was removed, upload it again",
                    Map.of("expected", upload.sha256, "actual", stored));
        }
        return stored;
    }

    /** Stops the upload: its parts are removed and it is forgotten (tus termination). */
    public void terminate(GatewayJob job, ResumableUpload upload) {
        removeParts(job, upload);
        upload.delete();
    }

    /** Forgets uploads past their expiry, removing what parts they left on the cluster. */
    @Scheduled(every = "15m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        List<ResumableUpload> expired = ResumableUpload.<ResumableUpload>find("expiresAt < ?1", Instant.now()).list();
        for (ResumableUpload upload : expired) {
            GatewayJob job = GatewayJob.findById(upload.jobId);
            try {
                if (job != null && upload.phase != ResumableUpload.Phase.COMPLETE) {
                    removeParts(job, upload);
                }
                upload.delete();
            } catch (ApiException e) {
                LOG.warnf("Could not remove the parts of expired upload %s yet: %s", upload.id, e.getMessage());
            }
        }
    }

    private void removeParts(GatewayJob job, ResumableUpload upload) {
        try {
            calls.rm(clusters.get(job.cluster), job.clusterUser, upload.partsFolder);
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    private static ResumableUpload update(Bson filter, Bson update) {
        return ResumableUpload.<ResumableUpload>mongoCollection().findOneAndUpdate(filter, update,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
