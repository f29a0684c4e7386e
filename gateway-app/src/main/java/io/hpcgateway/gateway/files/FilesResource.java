package io.hpcgateway.gateway.files;

import io.hpcgateway.gateway.idempotency.Idempotent;
import io.hpcgateway.gateway.identity.Users;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Files of a job: list, streamed upload and download (with Range), delete. */
@Path("/api/v2/jobs/{id}/files")
@Authenticated
@Tag(name = "files")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The path leaves the job folder")
@APIResponse(responseCode = "404", description = "No such job of the caller's, or no such file")
public class FilesResource {

    private final JobService jobs;
    private final JobFiles files;
    private final Users users;
    private final SecurityIdentity identity;

    FilesResource(JobService jobs, JobFiles files, Users users, SecurityIdentity identity) {
        this.jobs = jobs;
        this.files = files;
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listJobFiles", summary = "Every file in the job folder, recursively")
    public List<JobFiles.FileView> list(@RestPath String id) {
        return files.list(job(id));
    }

    @Idempotent
    @Extension(name = Idempotent.EXTENSION, value = "true")
    @PUT
    @Path("/{path: .+}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "uploadJobFile", summary = "Upload the raw body as a file of the job (streamed)",
            description = "Directories on the way are created. With ?sha256= the stored content is verified.")
    @RequestBody(description = "The file's bytes")
    @APIResponse(responseCode = "201", description = "Stored")
    @APIResponse(responseCode = "409", description = "The job is queued or running")
    @APIResponse(responseCode = "422", description = "The content does not match the given SHA-256")
    public Response upload(@RestPath String id, @RestPath String path, @RestQuery String sha256,
                           @Parameter(hidden = true) @HeaderParam("Content-Length") String contentLength,
                           InputStream body) {
        return Response.status(201).entity(files.upload(job(id), path, body, length(contentLength), sha256)).build();
    }

    /** The body's declared length, which lets a large file go through the cluster's staging; -1 when chunked. */
    private static long length(String contentLength) {
        try {
            return contentLength == null ? -1 : Long.parseLong(contentLength.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @GET
    @Path("/{path: .+}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @Operation(operationId = "downloadJobFile", summary = "Download a file of the job (streamed; one Range honoured)",
            description = "With 'Want-Repr-Digest: sha-256=1' (RFC 9530) the answer carries the whole file's SHA-256 "
                    + "as the cluster computes it, 'Repr-Digest: sha-256=:<base64>:', also on a 206, so a download "
                    + "resumed in pieces can be verified.")
    @APIResponse(responseCode = "200", description = "The file's bytes", headers = @Header(name = "Repr-Digest"))
    @APIResponse(responseCode = "206", description = "The requested range", headers = @Header(name = "Repr-Digest"))
    public Response download(@RestPath String id, @RestPath String path, @HeaderParam("Range") String range,
                             @Parameter(in = ParameterIn.HEADER, description = "sha-256=1 asks for Repr-Digest")
                             @HeaderParam("Want-Repr-Digest") String wantDigest) {
        GatewayJob job = job(id);
        String digest = ReprDigest.wantsSha256(wantDigest) ? ReprDigest.sha256(files.sha256(job, path)) : null;
        Response.ResponseBuilder response = DownloadResponses.of(files.download(job, path, range),
                MediaType.APPLICATION_OCTET_STREAM);
        return (digest == null ? response : response.header("Repr-Digest", digest)).build();
    }

    @DELETE
    @Path("/{path: .+}")
    @Operation(operationId = "deleteJobFile", summary = "Delete a file (or directory) of the job")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@RestPath String id, @RestPath String path) {
        files.delete(job(id), path);
        return Response.noContent().build();
    }

    private GatewayJob job(String id) {
        return jobs.owned(users.current(identity), id);
    }
}
