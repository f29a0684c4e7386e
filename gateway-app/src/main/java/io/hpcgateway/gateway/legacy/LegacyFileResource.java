package io.hpcgateway.gateway.legacy;

import io.hpcgateway.gateway.idempotency.Idempotent;
import io.hpcgateway.gateway.files.DownloadResponses;
import io.hpcgateway.gateway.files.FileForm;
import io.hpcgateway.gateway.files.JobFiles;
import io.hpcgateway.gateway.identity.Users;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobService;
import io.hpcgateway.gateway.platform.ApiException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The original hpc-gateway-app's file routes; {@code filename} is a path inside the job folder. */
@Path("/api/v1/file")
@Authenticated
@Tag(name = "legacy v1")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The filename leaves the job folder")
@APIResponse(responseCode = "404", description = "No such job of the caller's, or no such file")
@APIResponse(responseCode = "503", description = "The cluster does not answer; retry after Retry-After seconds")
public class LegacyFileResource {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    private final JobService jobs;
    private final JobFiles files;
    private final Users users;
    private final SecurityIdentity identity;

    LegacyFileResource(JobService jobs, JobFiles files, Users users, SecurityIdentity identity) {
        this.jobs = jobs;
        this.files = files;
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Path("/list/{jobid}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "legacyListFiles", summary = "Every file in the job folder, recursively")
    public LegacyModels.Files list(@RestPath String jobid) {
        return new LegacyModels.Files(files.list(job(jobid)).stream().map(LegacyModels.FileEntry::of).toList(),
                LegacyModels.FILES_MESSAGE);
    }

    @Idempotent
    @Extension(name = Idempotent.EXTENSION, value = "true")
    @PUT
    @Path("/upload/{jobid}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "legacyUploadFile", summary = "Store the 'file' part in the job folder, named by "
            + "?filename= or by the part's own file name",
            extensions = @Extension(name = LegacyRegistration.PROFILE, value = ""))
    @APIResponse(responseCode = "200", description = "Stored")
    @APIResponse(responseCode = "400", description = "No 'file' part, or no name for it")
    @APIResponse(responseCode = "409", description = "The job is queued or running")
    public LegacyModels.FileAnswer upload(@RestPath String jobid, @RestQuery String filename, @BeanParam FileForm form) {
        GatewayJob job = job(jobid);
        JobFiles.FileView stored = form.withContent(content -> files.upload(job, form.name(filename), content,
                form.size(), null));
        return new LegacyModels.FileAnswer("File uploaded.", stored.path(), stored.size());
    }

    @GET
    @Path("/download/{jobid}")
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "legacyDownloadFile", summary = "The file's bytes (streamed; one Range honoured)",
            extensions = @Extension(name = LegacyRegistration.PROFILE, value = ""))
    @APIResponse(responseCode = "200", description = "The file's bytes")
    @APIResponse(responseCode = "400", description = "No filename")
    public Response download(@RestPath String jobid, @RestQuery String filename, @HeaderParam("Range") String range) {
        String name = required(filename);
        String base = name.substring(name.lastIndexOf('/') + 1);
        return DownloadResponses.of(files.download(job(jobid), name, range), DownloadResponses.contentType(name))
                .header("Content-Disposition", inline(base)).build();
    }

    /**
     * {@code inline; filename=...} as the original's Flask {@code send_file} wrote it: a plain token
     * as is, anything else quoted, and a name beyond ASCII also as RFC 5987 {@code filename*}.
     */
    private static String inline(String name) {
        if (TOKEN.matcher(name).matches()) {
            return "inline; filename=" + name;
        }
        String ascii = name.chars().map(c -> c < 0x20 || c > 0x7e ? '_' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        String quoted = "inline; filename=\"" + ascii.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return ascii.equals(name) ? quoted : quoted + "; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @DELETE
    @Path("/delete/{jobid}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "legacyDeleteFile", summary = "Delete a file (or directory) of the job folder",
            extensions = @Extension(name = LegacyRegistration.PROFILE, value = ""))
    @APIResponse(responseCode = "200", description = "Deleted")
    @APIResponse(responseCode = "400", description = "No filename")
    public LegacyModels.FileAnswer delete(@RestPath String jobid, @RestQuery String filename) {
        String name = required(filename);
        files.delete(job(jobid), name);
        return new LegacyModels.FileAnswer("File deleted.", name, null);
    }

    private GatewayJob job(String jobid) {
        return jobs.owned(users.current(identity), jobid);
    }

    private static String required(String filename) {
        if (filename == null || filename.isBlank()) {
            throw ApiException.badRequest("filename", "Give the file as ?filename=<path inside the job folder>");
        }
        return filename;
    }
}
