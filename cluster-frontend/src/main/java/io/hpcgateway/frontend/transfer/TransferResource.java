package io.hpcgateway.frontend.transfer;

import io.hpcgateway.frontend.auth.Caller;
import io.hpcgateway.frontend.platform.OpenApiDefinition;
import io.hpcgateway.frontend.platform.Systems;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * FirecREST v2 {@code /filesystem/{system}/transfer/*}: file operations that run as a scheduler
 * job of the caller's, answered at once with the job ({@code transferJob}); the job's output log
 * ends with FirecREST's success line. Paths are confined and checked as for {@code ops/*}, when
 * the request is made and again when the job runs.
 */
@Path("/filesystem/{system}/transfer")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "filesystem")
@SecurityRequirement(name = OpenApiDefinition.BEARER)
@APIResponse(responseCode = "400", description = "A missing or invalid field, or sbatch refused the job")
@APIResponse(responseCode = "401", description = "Missing, invalid, expired or nearly expired token")
@APIResponse(responseCode = "403", description = "A path leaves the caller's directories")
@APIResponse(responseCode = "404", description = "Unknown system, or the file to download does not exist")
public class TransferResource {

    private final TransferService transfers;
    private final Caller caller;
    private final Systems systems;

    TransferResource(TransferService transfers, Caller caller, Systems systems) {
        this.transfers = transfers;
        this.caller = caller;
        this.systems = systems;
    }

    @POST
    @Path("/upload")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "transferUpload", summary = "Upload a large file through staging",
            description = "Answers presigned URLs of the parts (maxPartSize bytes each, the last one shorter) and of the "
                    + "completion (POST S3's CompleteMultipartUpload XML with the parts' ETags). The transfer job waits "
                    + "until the upload is complete, then writes the file to 'path'.")
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "Transfer job queued",
            content = @Content(schema = @Schema(implementation = TransferAnswers.Staged.class)))
    public TransferAnswers.Staged upload(@RestPath String system, TransferRequests.Upload request) {
        systems.require(system);
        return transfers.upload(caller.user(), request);
    }

    @POST
    @Path("/download")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "transferDownload", summary = "Download a large file through staging",
            description = "The transfer job uploads the file to the staging store; once it has completed, "
                    + "transferDirectives.downloadUrl serves it (Range requests included) until the staging expiry.")
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "Transfer job queued",
            content = @Content(schema = @Schema(implementation = TransferAnswers.Staged.class)))
    public TransferAnswers.Staged download(@RestPath String system, TransferRequests.Download request) {
        systems.require(system);
        return transfers.download(caller.user(), request);
    }

    @POST
    @Path("/mv")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "transferMv", summary = "Move or rename a file or directory in a job (mv)")
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "Transfer job queued",
            content = @Content(schema = @Schema(implementation = TransferAnswers.Queued.class)))
    public TransferAnswers.Queued move(@RestPath String system, TransferRequests.Move request) {
        systems.require(system);
        return transfers.move(caller.user(), request);
    }

    @POST
    @Path("/cp")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "transferCp", summary = "Copy a file or directory in a job (cp -R)")
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "Transfer job queued",
            content = @Content(schema = @Schema(implementation = TransferAnswers.Queued.class)))
    public TransferAnswers.Queued copy(@RestPath String system, TransferRequests.Copy request) {
        systems.require(system);
        return transfers.copy(caller.user(), request);
    }

    @DELETE
    @Path("/rm")
    @Operation(operationId = "transferRm", summary = "Remove a file or directory tree in a job (rm -r)")
    @APIResponse(responseCode = "200", description = "Transfer job queued")
    public TransferAnswers.Queued remove(@RestPath String system, @RestQuery String path, @RestQuery String account) {
        systems.require(system);
        return transfers.remove(caller.user(), path, account);
    }

    @POST
    @Path("/compress")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "transferCompress", summary = "Archive a file or directory in a job (tar)")
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "Transfer job queued",
            content = @Content(schema = @Schema(implementation = TransferAnswers.Queued.class)))
    public TransferAnswers.Queued compress(@RestPath String system, TransferRequests.Compress request) {
        systems.require(system);
        return transfers.compress(caller.user(), request);
    }

    @POST
    @Path("/extract")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "transferExtract", summary = "Unpack an archive in a job (tar -x)")
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "Transfer job queued",
            content = @Content(schema = @Schema(implementation = TransferAnswers.Queued.class)))
    public TransferAnswers.Queued extract(@RestPath String system, TransferRequests.Extract request) {
        systems.require(system);
        return transfers.extract(caller.user(), request);
    }
}
