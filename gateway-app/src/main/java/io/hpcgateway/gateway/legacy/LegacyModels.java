package io.hpcgateway.gateway.legacy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hpcgateway.gateway.files.JobFiles;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Answers of the legacy v1 API: the original hpc-gateway-app's fields ({@code jobid}, {@code jobs},
 * {@code files}, {@code message}), with the job's real state added.
 */
final class LegacyModels {

    /** The original's message beside a job folder's files (state and file list alike). */
    static final String FILES_MESSAGE = "Files in the job folder.";

    private LegacyModels() {}

    @Schema(name = "LegacyMessage")
    record Message(String message) {}

    /** The original's user document, {@code _id} and all, as its create route answered it. */
    @Schema(name = "LegacyUser")
    record User(String message, @JsonProperty("_id") String id, String email, String name, String home) {}

    @Schema(name = "LegacyJobCreated")
    record JobCreated(String jobid, JobState state) {}

    @Schema(name = "LegacyJobAnswer")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JobAnswer(String jobid, JobState state, @JsonProperty("scheduler_jobid") Long schedulerJobid,
                     String message) {
        static JobAnswer of(GatewayJob job, String message) {
            return new JobAnswer(job.id, job.state, job.schedulerJobId, message);
        }
    }

    /** The original answered the folder's files and a message; the job's real state is added. */
    @Schema(name = "LegacyJobState")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JobStateAnswer(String jobid, JobState state, @JsonProperty("scheduler_state") String schedulerState,
                          @JsonProperty("state_reason") String stateReason, @JsonProperty("exit_code") Integer exitCode,
                          List<FileEntry> files, String message) {}

    /**
     * A job as the original stored and listed it: {@code _id}, {@code user_id}, {@code remote_folder},
     * {@code state} CREATED until launched and ACTIVATED after, {@code f7t_job_id}; then the gateway's own.
     */
    @Schema(name = "LegacyJobSummary")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JobSummary(@JsonProperty("_id") String id, @JsonProperty("user_id") String userId,
                      @JsonProperty("remote_folder") String remoteFolder,
                      @Schema(enumeration = {"CREATED", "ACTIVATED"}) String state,
                      @JsonProperty("f7t_job_id") String f7tJobId,
                      @JsonProperty("job_name") String jobName, @JsonProperty("job_state") JobState jobState,
                      @JsonProperty("created_at") Instant createdAt) {
        static JobSummary of(GatewayJob job) {
            return new JobSummary(job.id, job.owner, job.folder, job.schedulerJobId == null ? "CREATED" : "ACTIVATED",
                    job.schedulerJobId == null ? null : job.schedulerJobId.toString(), job.name, job.state,
                    job.createdAt);
        }
    }

    /** The original's list: the caller's jobs keyed by their id (in the order asked for), and how many there are. */
    @Schema(name = "LegacyJobList")
    record Jobs(Map<String, JobSummary> jobs, long total) {}

    /**
     * A file as pyfirecrest listed it for the original: type {@code -} (file), {@code d}
     * (directory) or {@code l} (link), with its link target, owner, group and mode.
     */
    @Schema(name = "LegacyFileEntry")
    record FileEntry(String name, String type, @JsonProperty("link_target") String linkTarget, String user,
                     String group, String permissions, @JsonProperty("last_modified") String lastModified, long size) {
        static FileEntry of(JobFiles.FileView file) {
            String type = switch (file.type()) {
                case "directory" -> "d";
                case "link" -> "l";
                default -> "-";
            };
            return new FileEntry(file.path(), type, file.linkTarget(), file.user(), file.group(), file.permissions(),
                    file.lastModified(), file.size());
        }
    }

    @Schema(name = "LegacyFileList")
    record Files(List<FileEntry> files, String message) {}

    @Schema(name = "LegacyFileAnswer")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileAnswer(String message, String filename, Long size) {}
}
