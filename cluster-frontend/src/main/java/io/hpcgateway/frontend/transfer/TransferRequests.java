package io.hpcgateway.frontend.transfer;

import com.fasterxml.jackson.annotation.JsonAlias;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The request bodies of {@code transfer/*}, in FirecREST v2's shapes. Every field takes the
 * spellings FirecREST's models take: {@code path} also as {@code sourcePath} and
 * {@code source_path}, and each camelCase name also in snake_case (pyfirecrest sends
 * {@code path} with {@code transfer_directives.file_size} for an upload and {@code source_path}
 * with {@code transfer_directives.transferMethod} for a download).
 */
public final class TransferRequests {

    private TransferRequests() {}

    /** How the bytes move: {@code s3} (staging) is the method this system offers. */
    @Schema(name = "TransferDirectives")
    public record Directives(
            @JsonAlias("transfer_method") @Schema(required = true, enumeration = {"s3"}) String transferMethod,
            @JsonAlias("file_size") @Schema(description = "Size of the file to upload in bytes; required for uploads")
            Long fileSize) {}

    @Schema(name = "PostFileUploadRequest")
    public record Upload(@JsonAlias({"sourcePath", "source_path"}) @Schema(required = true, description = "The file to write")
                  String path,
                  @JsonAlias("transfer_directives") @Schema(required = true) Directives transferDirectives,
                  String account) {}

    @Schema(name = "PostFileDownloadRequest")
    public record Download(@JsonAlias({"sourcePath", "source_path"}) @Schema(required = true, description = "The file to read")
                    String path,
                    @JsonAlias("transfer_directives") @Schema(required = true) Directives transferDirectives,
                    String account) {}

    @Schema(name = "MoveRequest")
    public record Move(@JsonAlias({"sourcePath", "source_path"}) @Schema(required = true) String path,
                @JsonAlias("target_path") @Schema(required = true) String targetPath,
                String account) {}

    @Schema(name = "CopyRequest")
    public record Copy(@JsonAlias({"sourcePath", "source_path"}) @Schema(required = true) String path,
                @JsonAlias("target_path") @Schema(required = true) String targetPath,
                String account,
                @Schema(description = "Copy what links point to instead of the links") boolean dereference) {}

    @Schema(name = "CompressRequest")
    public record Compress(@JsonAlias({"sourcePath", "source_path"}) @Schema(required = true) String path,
                    @JsonAlias("target_path") @Schema(required = true, description = "The archive to write")
                    String targetPath,
                    String account,
                    @JsonAlias("match_pattern") @Schema(description = "Only regular files whose path matches (find -regex)")
                    String matchPattern,
                    boolean dereference,
                    @Schema(enumeration = {"none", "gzip", "bzip2", "xz"}, defaultValue = "gzip") String compression) {}

    @Schema(name = "ExtractRequest")
    public record Extract(@JsonAlias({"sourcePath", "source_path"}) @Schema(required = true, description = "The archive")
                   String path,
                   @JsonAlias("target_path") @Schema(required = true, description = "The directory to extract into")
                   String targetPath,
                   String account,
                   @Schema(enumeration = {"none", "gzip", "bzip2", "xz"}, defaultValue = "gzip") String compression) {}
}
