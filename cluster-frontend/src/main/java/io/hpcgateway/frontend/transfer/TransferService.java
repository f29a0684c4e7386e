package io.hpcgateway.frontend.transfer;

import io.hpcgateway.frontend.filesystem.FileCommands;
import io.hpcgateway.frontend.filesystem.FileOperations;
import io.hpcgateway.frontend.filesystem.GuardedCommand;
import io.hpcgateway.frontend.filesystem.UserPaths;
import io.hpcgateway.frontend.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FirecREST v2's asynchronous file operations: each is a scheduler job of the user's, so a long
 * copy or a large transfer never holds a request open. Uploads and downloads go through staging:
 * the client moves the bytes to or from the object store with presigned URLs, and the job moves
 * them between the store and the cluster's file system.
 */
@ApplicationScoped
public class TransferService {

    private final FileCommands commands;
    private final FileOperations files;
    private final TransferJobs jobs;
    private final Staging staging;

    TransferService(FileCommands commands, FileOperations files, TransferJobs jobs, Staging staging) {
        this.commands = commands;
        this.files = files;
        this.jobs = jobs;
        this.staging = staging;
    }

    /** The client uploads the file's parts to the store and completes it; the job then fetches it to {@code path}. */
    public TransferAnswers.Staged upload(String user, TransferRequests.Upload request) {
        requireBody(request);
        UserPaths.Confined target = commands.confineBody(user, request.path(), "path");
        long size = requireS3(request.transferDirectives(), true);
        Staging.StagedObject object = staging.start(user, target.path().getFileName().toString(), size);
        Map<String, String> urls = Map.of(StagingCommands.HEAD_URL, staging.headUrl(object),
                StagingCommands.GET_URL, staging.getUrl(object, false),
                StagingCommands.DELETE_URL, staging.deleteUrl(object));
        TransferAnswers.Job job = jobs.submit(user, commands.home(user), "IngressFileTransfer", request.account(),
                "Ingress File Transfer Job", urls, StagingCommands.ingress(target, jobs.timeLimit()),
                "File was successfully downloaded.", "Unable to download the staged file");
        return new TransferAnswers.Staged(job, TransferAnswers.S3Directives.upload(staging.partUrls(object, true),
                staging.completeUrl(object, true), object.partSize()));
    }

    /** The job uploads the file to the store in parts; once it has completed, the client downloads it from the URL. */
    public TransferAnswers.Staged download(String user, TransferRequests.Download request) {
        requireBody(request);
        UserPaths.Confined source = commands.confineBody(user, request.path(), "path");
        requireS3(request.transferDirectives(), false);
        long size = files.size(user, source);
        Staging.StagedObject object = staging.start(user, source.path().getFileName().toString(), size);
        Map<String, String> urls = new LinkedHashMap<>();
        List<String> parts = staging.partUrls(object, false);
        for (int i = 0; i < parts.size(); i++) {
            urls.put(StagingCommands.PART_URL + (i + 1), parts.get(i));
        }
        urls.put(StagingCommands.COMPLETE_URL, staging.completeUrl(object, false));
        TransferAnswers.Job job = jobs.submit(user, commands.home(user), "OutgressFileTransfer", request.account(),
                "Upload File Job", urls, StagingCommands.egress(source, object, size),
                "Multipart file upload successfully completed", "Unable to stage the file");
        return new TransferAnswers.Staged(job, TransferAnswers.S3Directives.download(staging.getUrl(object, true)));
    }

    public TransferAnswers.Queued move(String user, TransferRequests.Move request) {
        requireBody(request);
        GuardedCommand mv = commands.move(commands.confineBody(user, request.path(), "path"),
                commands.confineBody(user, request.targetPath(), "targetPath"));
        return queued(user, "MoveFiles", request.account(), "Move Files Job", mv, "moved", "move");
    }

    public TransferAnswers.Queued copy(String user, TransferRequests.Copy request) {
        requireBody(request);
        GuardedCommand cp = commands.copy(commands.confineBody(user, request.path(), "path"),
                commands.confineBody(user, request.targetPath(), "targetPath"), request.dereference());
        return queued(user, "CopyFiles", request.account(), "Copy Files Job", cp, "copied", "copy");
    }

    public TransferAnswers.Queued remove(String user, String rawPath, String account) {
        GuardedCommand rm = commands.remove(user, commands.confine(user, requirePath(rawPath), "path"));
        return queued(user, "DeleteFiles", account, "Delete Files Job", rm, "deleted", "delete");
    }

    public TransferAnswers.Queued compress(String user, TransferRequests.Compress request) {
        requireBody(request);
        GuardedCommand tar = commands.compress(commands.confineBody(user, request.path(), "path"),
                commands.confineBody(user, request.targetPath(), "targetPath"), request.matchPattern(),
                request.dereference(), request.compression());
        return queued(user, "CompressFiles", request.account(), "Compress Files Job", tar, "compressed", "compress");
    }

    public TransferAnswers.Queued extract(String user, TransferRequests.Extract request) {
        requireBody(request);
        GuardedCommand tar = commands.extract(commands.confineBody(user, request.path(), "path"),
                commands.confineBody(user, request.targetPath(), "targetPath"), request.compression());
        return queued(user, "ExtractFiles", request.account(), "Extract Files Job", tar, "extracted", "extract");
    }

    private TransferAnswers.Queued queued(String user, String jobName, String account, String title,
                                          GuardedCommand command, String done, String verb) {
        return new TransferAnswers.Queued(jobs.submit(user, commands.home(user), jobName, account, title, Map.of(),
                command, "Files were successfully " + done + ".", "Unable to " + verb + " files"));
    }

    /** The size of an upload, or 0 for a download; the method must be s3, the only one offered here. */
    private static long requireS3(TransferRequests.Directives directives, boolean upload) {
        if (directives == null || directives.transferMethod() == null) {
            throw ApiException.validation("body", "transferDirectives", "'transferDirectives' is required: "
                    + (upload ? "{\"transferMethod\": \"s3\", \"fileSize\": <bytes>}" : "{\"transferMethod\": \"s3\"}"));
        }
        if (!"s3".equals(directives.transferMethod())) {
            throw ApiException.validation("body", "transferDirectives.transferMethod", "Requested transfer method is "
                    + "not available: this system offers 's3' (staging), not '" + directives.transferMethod() + "'");
        }
        if (!upload) {
            return 0;
        }
        if (directives.fileSize() == null || directives.fileSize() < 0) {
            throw ApiException.validation("body", "transferDirectives.fileSize", "'fileSize' is required: the size "
                    + "in bytes of the file you will upload");
        }
        return directives.fileSize();
    }

    private static String requirePath(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.validation("query", "path", "'path' is required");
        }
        return raw;
    }

    private static void requireBody(Object request) {
        if (request == null) {
            throw ApiException.validation("body", "body", "A JSON body is required");
        }
    }
}
