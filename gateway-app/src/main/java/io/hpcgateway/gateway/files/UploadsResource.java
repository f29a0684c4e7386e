package io.hpcgateway.gateway.files;

import io.hpcgateway.gateway.identity.Users;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobService;
import io.hpcgateway.gateway.platform.ApiException;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Resumable uploads into a job's folder, by the tus 1.0.0 protocol (core, creation, termination,
 * checksum, expiration), which browser libraries such as tus-js-client and Uppy speak: create
 * the upload with its length, PATCH its bytes from {@code Upload-Offset} on in as many requests
 * as it takes, and after a cut connection ask with HEAD where to go on. The last part makes the
 * file: joined on the cluster and checked against the SHA-256 the client declared.
 */
@Path("/api/v2/jobs/{id}/uploads")
@Authenticated
@Tag(name = "files")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "404", description = "No such job of the caller's, or no such upload (or it expired)")
@APIResponse(responseCode = "412", description = "The request does not carry 'Tus-Resumable: 1.0.0'")
public class UploadsResource {

    /** An upload as listed: where it goes, how far it is, until when it can go on. */
    public record UploadView(String id, String path, long length, long offset, String phase, Instant expiresAt,
                             String sha256) {
        static UploadView of(ResumableUpload upload) {
            return new UploadView(upload.id, upload.path, upload.length, upload.offset, UploadsResource.phase(upload), upload.expiresAt,
                    upload.verifiedSha256);
        }
    }

    private final JobService jobs;
    private final ResumableUploads uploads;
    private final Users users;
    private final SecurityIdentity identity;
    private final GatewayConfig config;

    UploadsResource(JobService jobs, ResumableUploads uploads, Users users, SecurityIdentity identity,
                    GatewayConfig config) {
        this.jobs = jobs;
        this.uploads = uploads;
        this.users = users;
        this.identity = identity;
        this.config = config;
    }

    @OPTIONS
    @Operation(operationId = "uploadCapabilities", summary = "What this server's tus supports")
    @APIResponse(responseCode = "204", description = "Tus-Version, Tus-Extension, Tus-Max-Size, Tus-Checksum-Algorithm",
            headers = {@Header(name = "Tus-Extension"), @Header(name = "Tus-Max-Size")})
    public Response capabilities(@RestPath String id) {
        job(id);
        return Response.noContent().header("Tus-Extension", TusProtocol.EXTENSIONS)
                .header("Tus-Max-Size", config.maxUploadSize().asLongValue())
                .header("Tus-Checksum-Algorithm", TusProtocol.CHECKSUM_ALGORITHMS).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listUploads", summary = "The job's resumable uploads that have not expired")
    public List<UploadView> list(@RestPath String id) {
        GatewayJob job = job(id);
        return ResumableUpload.<ResumableUpload>find("jobId = ?1 and owner = ?2 and expiresAt > ?3", job.id, job.owner,
                Instant.now()).stream().map(UploadView::of).toList();
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUpload", summary = "Start a resumable upload (tus creation)",
            description = "Upload-Metadata names the target: 'path' (relative to the job folder; tus clients' "
                    + "'filename' is taken when there is no path) and, optionally, 'sha256' (hex) which the "
                    + "finished file must match. The Location answered is where its PATCHes go.")
    @APIResponse(responseCode = "201", description = "Created; Location is the upload's URL",
            headers = {@Header(name = "Location"), @Header(name = "Upload-Expires")})
    @APIResponse(responseCode = "400", description = "Missing Upload-Length, unreadable Upload-Metadata, or no path")
    @APIResponse(responseCode = "403", description = "The path leaves the job folder")
    @APIResponse(responseCode = "409", description = "The job is queued or running")
    @APIResponse(responseCode = "413", description = "Upload-Length is above Tus-Max-Size")
    public Response create(@RestPath String id,
                           @Parameter(in = ParameterIn.HEADER, required = true) @HeaderParam("Tus-Resumable") String version,
                           @Parameter(in = ParameterIn.HEADER, required = true, description = "The file's size in bytes")
                           @HeaderParam("Upload-Length") String length,
                           @Parameter(in = ParameterIn.HEADER, description = "path, filename, sha256 (base64 values)")
                           @HeaderParam("Upload-Metadata") String metadata) {
        TusProtocol.requireVersion(version);
        Map<String, String> meta = TusProtocol.metadata(metadata);
        String path = meta.containsKey("path") ? meta.get("path") : meta.get("filename");
        ResumableUpload upload = uploads.create(job(id), path, TusProtocol.bytes("Upload-Length", length),
                meta.get("sha256"), metadata);
        return Response.status(201).header("Location", "/api/v2/jobs/" + id + "/uploads/" + upload.id)
                .header("Upload-Expires", TusProtocol.httpDate(upload.expiresAt))
                .entity(UploadView.of(upload)).build();
    }

    @HEAD
    @Path("/{uploadId}")
    @Operation(operationId = "uploadOffset", summary = "Where the upload stands: Upload-Offset, Upload-Length",
            description = "Upload-Phase is receiving, assembling (the parts are being joined) or complete; "
                    + "once complete, Upload-Sha256 is the stored file's SHA-256 as the cluster computed it.")
    @APIResponse(responseCode = "200", description = "Its offset",
            headers = {@Header(name = "Upload-Offset"), @Header(name = "Upload-Length"), @Header(name = "Upload-Phase"),
                    @Header(name = "Upload-Sha256")})
    public Response offset(@RestPath String id, @RestPath String uploadId,
                           @Parameter(in = ParameterIn.HEADER, required = true) @HeaderParam("Tus-Resumable") String version) {
        TusProtocol.requireVersion(version);
        ResumableUpload upload = uploads.owned(job(id), uploadId);
        Response.ResponseBuilder response = state(Response.ok(), upload).header("Upload-Length", upload.length);
        if (upload.metadata != null) {
            response.header("Upload-Metadata", upload.metadata);
        }
        return response.build();
    }

    @PATCH
    @Path("/{uploadId}")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "appendUpload", summary = "Append bytes at Upload-Offset (streamed to the cluster)",
            description = "Content-Type: application/offset+octet-stream. With Upload-Checksum (sha256) a part that "
                    + "does not match is dropped (460). The request that brings the last byte answers once the "
                    + "file is joined and verified; an empty PATCH at the end joins again a file whose join failed.")
    @RequestBody(description = "The bytes from Upload-Offset on")
    @APIResponse(responseCode = "204", description = "Stored; Upload-Offset is the new offset",
            headers = {@Header(name = "Upload-Offset"), @Header(name = "Upload-Phase"), @Header(name = "Upload-Sha256")})
    @APIResponse(responseCode = "409", description = "Upload-Offset is not the upload's offset (details.offset is), "
            + "the parts are being joined, or the job is queued or running")
    @APIResponse(responseCode = "413", description = "The body goes past Upload-Length")
    @APIResponse(responseCode = "415", description = "Content-Type is not application/offset+octet-stream")
    @APIResponse(responseCode = "422", description = "The finished file does not match the declared sha256; removed")
    @APIResponse(responseCode = "460", description = "The body does not match its Upload-Checksum; not kept")
    @APIResponse(responseCode = "503", description = "The cluster does not answer; ask with HEAD and go on")
    public Response append(@RestPath String id, @RestPath String uploadId,
                           @Parameter(in = ParameterIn.HEADER, required = true) @HeaderParam("Tus-Resumable") String version,
                           @Parameter(in = ParameterIn.HEADER, required = true) @HeaderParam("Upload-Offset") String offset,
                           @Parameter(in = ParameterIn.HEADER) @HeaderParam("Upload-Checksum") String checksum,
                           @Parameter(hidden = true) @HeaderParam("Content-Type") String contentType,
                           @Parameter(hidden = true) @HeaderParam("Content-Length") String contentLength,
                           InputStream body) {
        TusProtocol.requireVersion(version);
        if (contentType == null || !contentType.strip().toLowerCase(Locale.ROOT).startsWith(TusProtocol.OFFSET_CONTENT_TYPE)) {
            throw new ApiException(415, "unsupported_media_type", "A PATCH of an upload is 'Content-Type: "
                    + TusProtocol.OFFSET_CONTENT_TYPE + "'", Map.of());
        }
        GatewayJob job = job(id);
        ResumableUpload upload = uploads.append(job, uploads.owned(job, uploadId), TusProtocol.bytes("Upload-Offset", offset),
                body, contentLength == null ? -1 : TusProtocol.bytes("Content-Length", contentLength),
                TusProtocol.checksum(checksum));
        return state(Response.noContent(), upload).build();
    }

    @DELETE
    @Path("/{uploadId}")
    @Operation(operationId = "terminateUpload", summary = "Stop the upload and remove its parts (tus termination)")
    @APIResponse(responseCode = "204", description = "Terminated")
    public Response terminate(@RestPath String id, @RestPath String uploadId,
                              @Parameter(in = ParameterIn.HEADER, required = true) @HeaderParam("Tus-Resumable") String version) {
        TusProtocol.requireVersion(version);
        GatewayJob job = job(id);
        uploads.terminate(job, uploads.owned(job, uploadId));
        return Response.noContent().build();
    }

    private static Response.ResponseBuilder state(Response.ResponseBuilder response, ResumableUpload upload) {
        response.header("Upload-Offset", upload.offset).header("Upload-Phase", phase(upload))
                .header("Upload-Expires", TusProtocol.httpDate(upload.expiresAt));
        return upload.verifiedSha256 == null ? response : response.header("Upload-Sha256", upload.verifiedSha256);
    }

    private static String phase(ResumableUpload upload) {
        return upload.phase.name().toLowerCase(Locale.ROOT);
    }

    private GatewayJob job(String id) {
        return jobs.owned(users.current(identity), id);
    }
}
