package io.hpcgateway.gateway.legacy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hpcgateway.gateway.files.JobFiles;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobState;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Answers of the legacy v1 API: the original hpc-gateway-app's fields ({@code jobid}, {@code jobs},
 * {@code files}, {@code message}), with the job's real state added.
 */
final class LegacyModels {

    private LegacyModels() {}

    @Schema(name = "LegacyMessage")
    record Message(String message) {}

    @Schema(name = "LegacyUser")
    record User(String message, String id, String email, String name, String home) {}

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

    @Schema(name = "LegacyJobState")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JobStateAnswer(String jobid, JobState state, @JsonProperty("scheduler_state") String schedulerState,
                          @JsonProperty("state_reason") String stateReason, @JsonProperty("exit_code") Integer exitCode,
                          List<FileEntry> files) {}

    @Schema(name = "LegacyJobSummary")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JobSummary(String jobid, @JsonProperty("job_name") String jobName, JobState state,
                      @JsonProperty("scheduler_jobid") Long schedulerJobid,
                      @JsonProperty("remote_folder") String remoteFolder,
                      @JsonProperty("created_at") Instant createdAt) {
        static JobSummary of(GatewayJob job) {
            return new JobSummary(job.id, job.name, job.state, job.schedulerJobId, job.folder, job.createdAt);
        }
    }

    @Schema(name = "LegacyJobList")
    record Jobs(List<JobSummary> jobs, long total) {}

    /** A file as pyfirecrest listed it: type {@code -} (file), {@code d} (directory) or {@code l} (link). */
    @Schema(name = "LegacyFileEntry")
    record FileEntry(String name, String type, long size, @JsonProperty("last_modified") String lastModified) {
        static FileEntry of(JobFiles.FileView file) {
            String type = switch (file.type()) {
                case "directory" -> "d";
                case "link" -> "l";
                default -> "-";
            };
            return new FileEntry(file.path(), type, file.size(), file.lastModified());
        }
    }

    @Schema(name = "LegacyFileList")
    record Files(List<FileEntry> files, String message) {}

    @Schema(name = "LegacyFileAnswer")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileAnswer(String message, String filename, Long size) {}
}
