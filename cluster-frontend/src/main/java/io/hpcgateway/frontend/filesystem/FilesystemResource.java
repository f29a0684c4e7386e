package io.hpcgateway.frontend.filesystem;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.hpcgateway.frontend.auth.Caller;
import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.platform.OpenApiDefinition;
import io.hpcgateway.frontend.platform.Output;
import io.hpcgateway.frontend.platform.QueryNumbers;
import io.hpcgateway.frontend.platform.Systems;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** FirecREST v2 {@code /filesystem/{system}/ops/*}: synchronous file operations in the caller's directories. */
@Path("/filesystem/{system}/ops")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "filesystem")
@SecurityRequirement(name = OpenApiDefinition.BEARER)
@APIResponse(responseCode = "401", description = "Missing, invalid, expired or nearly expired token")
@APIResponse(responseCode = "403", description = "The path leaves the caller's directories")
@APIResponse(responseCode = "404", description = "Unknown system or path")
public class FilesystemResource {

    // FirecREST's request models take 'path' also as 'sourcePath' and 'source_path' (pyfirecrest sends
    // 'sourcePath'), and every camelCase field also in snake_case.

    /** Request body of {@code mkdir}. */
    public record MkdirRequest(@JsonAlias({"sourcePath", "source_path"}) String path, boolean parent) {}

    /** Request body of {@code symlink}: create {@code linkPath} pointing at {@code path}. */
    public record SymlinkRequest(@JsonAlias({"sourcePath", "source_path"}) String path,
                                 @JsonAlias("link_path") String linkPath) {}

    /** Request body of {@code chmod}; {@code mode} in octal, such as "755". */
    public record ChmodRequest(@JsonAlias({"sourcePath", "source_path"}) String path, String mode) {}

    /** Request body of {@code compress}: {@code path} into the archive {@code targetPath}. */
    public record CompressRequest(@JsonAlias({"sourcePath", "source_path"}) String path,
                                  @JsonAlias("target_path") String targetPath,
                                  @JsonAlias("match_pattern") String matchPattern, boolean dereference,
                                  @Schema(enumeration = {"none", "gzip", "bzip2", "xz"}, defaultValue = "gzip")
                                  String compression) {}

    /** Request body of {@code extract}: the archive {@code path} into the directory {@code targetPath}. */
    public record ExtractRequest(@JsonAlias({"sourcePath", "source_path"}) String path,
                                 @JsonAlias("target_path") String targetPath,
                                 @Schema(enumeration = {"none", "gzip", "bzip2", "xz"}, defaultValue = "gzip")
                                 String compression) {}

    /** Request body of {@code chown}: the new owner and group, either may be left out. */
    public record ChownRequest(@JsonAlias({"sourcePath", "source_path"}) String path, String owner, String group) {}

    /** The SHA-256 of a file, as FirecREST reports it. */
    public record Checksum(String algorithm, String checksum) {}

    private final FileOperations files;
    private final FileDownloads downloads;
    private final Caller caller;
    private final Systems systems;

    FilesystemResource(FileOperations files, FileDownloads downloads, Caller caller, Systems systems) {
        this.files = files;
        this.downloads = downloads;
        this.caller = caller;
        this.systems = systems;
    }

    @GET
    @Path("/ls")
    @Operation(operationId = "ls", summary = "List a directory (ls -l)")
    @APIResponse(responseCode = "200", description = "The entries")
    public Output<List<FileEntry>> ls(@RestPath String system, @RestQuery String path,
                                      @RestQuery boolean showHidden, @RestQuery boolean numericUid,
                                      @RestQuery boolean recursive, @RestQuery boolean dereference) {
        systems.require(system);
        return new Output<>(files.ls(caller.user(), path, showHidden, numericUid, recursive, dereference));
    }

    @GET
    @Path("/head")
    @APIResponse(responseCode = "200", description = "The content")
    @Operation(operationId = "head", summary = "The first lines or bytes of a file (head)")
    public Output<FileContent> head(@RestPath String system, @RestQuery String path, @RestQuery String bytes,
                                    @RestQuery String lines, @RestQuery boolean skipTrailing) {
        systems.require(system);
        return new Output<>(files.head(caller.user(), path, QueryNumbers.parse(bytes, "bytes"),
                QueryNumbers.parse(lines, "lines"), skipTrailing));
    }

    @GET
    @Path("/tail")
    @APIResponse(responseCode = "200", description = "The content")
    @Operation(operationId = "tail", summary = "The last lines or bytes of a file (tail)")
    public Output<FileContent> tail(@RestPath String system, @RestQuery String path, @RestQuery String bytes,
                                    @RestQuery String lines, @RestQuery boolean skipHeading) {
        systems.require(system);
        return new Output<>(files.tail(caller.user(), path, QueryNumbers.parse(bytes, "bytes"),
                QueryNumbers.parse(lines, "lines"), skipHeading));
    }

    @GET
    @Path("/view")
    @APIResponse(responseCode = "200", description = "The content")
    @Operation(operationId = "view", summary = "Up to the inline limit of a file's content from an offset")
    public Output<String> view(@RestPath String system, @RestQuery String path, @RestQuery String size,
                               @RestQuery String offset) {
        systems.require(system);
        return new Output<>(files.view(caller.user(), path, QueryNumbers.parse(size, "size"),
                QueryNumbers.parse(offset, "offset")));
    }

    @GET
    @Path("/checksum")
    @APIResponse(responseCode = "200", description = "The checksum")
    @Operation(operationId = "checksum", summary = "SHA-256 of a file")
    public Output<Checksum> checksum(@RestPath String system, @RestQuery String path) {
        systems.require(system);
        return new Output<>(new Checksum("SHA256", files.checksum(caller.user(), path)));
    }

    @GET
    @Path("/file")
    @APIResponse(responseCode = "200", description = "The type")
    @Operation(operationId = "file", summary = "The type of a file or directory (file -b)")
    public Output<String> file(@RestPath String system, @RestQuery String path) {
        systems.require(system);
        return new Output<>(files.type(caller.user(), path));
    }

    @GET
    @Path("/stat")
    @APIResponse(responseCode = "200", description = "The stat fields")
    @Operation(operationId = "stat", summary = "stat(2) of a file: mode, ino, dev, nlink, uid, gid, size, times")
    public Output<Map<String, Object>> stat(@RestPath String system, @RestQuery String path,
                                            @RestQuery boolean dereference) {
        systems.require(system);
        return new Output<>(files.stat(caller.user(), path, dereference));
    }

    @POST
    @Path("/mkdir")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "mkdir", summary = "Create a directory (mkdir [-p])")
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "Created; the new directory's entry",
            content = @Content(schema = @Schema(ref = FileEntry.OUTPUT_SCHEMA)))
    @APIResponse(responseCode = "409", description = "The path already exists")
    public Output<FileEntry> mkdir(@RestPath String system, MkdirRequest request) {
        systems.require(system);
        MkdirRequest body = requireBody(request);
        return new Output<>(files.mkdir(caller.user(), body.path(), body.parent()));
    }

    @DELETE
    @Path("/rm")
    @Operation(operationId = "rm", summary = "Remove a file, link or directory tree (rm -r); links are not followed")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response rm(@RestPath String system, @RestQuery String path) {
        systems.require(system);
        files.rm(caller.user(), path);
        return Response.noContent().build();
    }

    @POST
    @Path("/symlink")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "symlink", summary = "Create a symbolic link (ln -s path linkPath)")
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "Created; the new link's entry",
            content = @Content(schema = @Schema(ref = FileEntry.OUTPUT_SCHEMA)))
    public Output<FileEntry> symlink(@RestPath String system, SymlinkRequest request) {
        systems.require(system);
        SymlinkRequest body = requireBody(request);
        return new Output<>(files.symlink(caller.user(), body.path(), body.linkPath()));
    }

    @PUT
    @Path("/chmod")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The entry as it is now")
    @Operation(operationId = "chmod", summary = "Change permission bits (chmod)")
    public Output<FileEntry> chmod(@RestPath String system, ChmodRequest request) {
        systems.require(system);
        ChmodRequest body = requireBody(request);
        return new Output<>(files.chmod(caller.user(), body.path(), body.mode()));
    }

    @PUT
    @Path("/chown")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The entry as it is now")
    @Operation(operationId = "chown", summary = "Change owner and group (chown), as the caller's own account",
            description = "The system's rules apply: a group the caller belongs to, and another owner only for root.")
    @APIResponse(responseCode = "403", description = "The caller's account may not give the file away")
    public Output<FileEntry> chown(@RestPath String system, ChownRequest request) {
        systems.require(system);
        ChownRequest body = requireBody(request);
        return new Output<>(files.chown(caller.user(), body.path(), body.owner(), body.group()));
    }

    @POST
    @Path("/compress")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "compress", summary = "Archive a file or directory (tar, gzip by default)")
    @APIResponse(responseCode = "204", description = "Archived")
    public Response compress(@RestPath String system, CompressRequest request) {
        systems.require(system);
        CompressRequest body = requireBody(request);
        files.compress(caller.user(), body.path(), body.targetPath(), body.matchPattern(), body.dereference(),
                body.compression());
        return Response.noContent().build();
    }

    @POST
    @Path("/extract")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "extract", summary = "Unpack an archive into a directory (tar -x)")
    @APIResponse(responseCode = "204", description = "Extracted")
    public Response extract(@RestPath String system, ExtractRequest request) {
        systems.require(system);
        ExtractRequest body = requireBody(request);
        files.extract(caller.user(), body.path(), body.targetPath(), body.compression());
        return Response.noContent().build();
    }

    @POST
    @Path("/upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "upload", summary = "Upload a file into the directory 'path' (multipart field 'file')",
            description = "The part is streamed to disk, never held in memory; its file name names the new file.")
    @APIResponse(responseCode = "204", description = "Uploaded")
    @APIResponse(responseCode = "413", description = "Larger than the direct-transfer limit")
    public Response upload(@RestPath String system, @RestQuery String path, @RestForm("file") FileUpload file) {
        systems.require(system);
        if (file == null) {
            throw ApiException.validation("form", "file", "The multipart field 'file' is required");
        }
        files.placeUpload(caller.user(), path, file.fileName(), file.uploadedFile(), file.size());
        return Response.noContent().build();
    }

    @GET
    @Path("/download")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @Operation(operationId = "download", summary = "Download a file as raw bytes; a single 'Range: bytes=' is honoured")
    @APIResponse(responseCode = "200", description = "The file's bytes")
    @APIResponse(responseCode = "206", description = "The requested range")
    @APIResponse(responseCode = "413", description = "Larger than the direct-transfer limit")
    @APIResponse(responseCode = "416", description = "The range lies outside the file")
    public Response download(@RestPath String system, @RestQuery String path, @HeaderParam("Range") String range) {
        systems.require(system);
        String user = caller.user();
        return downloads.respond(user, files.downloadable(user, path), range);
    }

    private static <T> T requireBody(T body) {
        if (body == null) {
            throw ApiException.badRequest("This route needs a JSON body");
        }
        return body;
    }
}
