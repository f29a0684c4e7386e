package io.hpcgateway.frontend.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answers of {@code transfer/*}, in FirecREST v2's shapes. */
public final class TransferAnswers {

    private TransferAnswers() {}

    @Schema(name = "TransferJobLogs")
    public record Logs(String outputLog, String errorLog) {}

    /** The scheduler job that carries out the transfer; pyfirecrest waits for it, then reads its output log. */
    @Schema(name = "TransferJob")
    public record Job(String jobId, String system, String workingDirectory, Logs logs) {}

    /** mv, cp, rm, compress and extract: {@code {"transferJob": {...}}}. */
    @Schema(name = "TransferJobResponse")
    public record Queued(Job transferJob) {}

    /** Where the client puts or gets the bytes: the parts' URLs and the completion URL, or the download URL. */
    @Schema(name = "S3TransferResponse")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record S3Directives(String transferMethod, List<String> partsUploadUrls, String completeUploadUrl,
                        Long maxPartSize, String downloadUrl) {

        static S3Directives upload(List<String> parts, String complete, long partSize) {
            return new S3Directives("s3", parts, complete, partSize, null);
        }

        static S3Directives download(String url) {
            return new S3Directives("s3", null, null, null, url);
        }
    }

    /** upload and download: the job and the staging directives. */
    @Schema(name = "StagedTransferResponse")
    public record Staged(Job transferJob, S3Directives transferDirectives) {}
}
