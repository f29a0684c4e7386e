package io.hpcgateway.gateway.marketplace;

import io.hpcgateway.gateway.idempotency.Idempotent;
import io.hpcgateway.gateway.platform.QueryParams;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.hpcgateway.gateway.files.DownloadResponses;
import io.hpcgateway.gateway.files.FileForm;
import io.hpcgateway.gateway.files.JobFiles;
import io.hpcgateway.gateway.identity.UserAccount;
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
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * MarketPlace standard app API, object storage: each job folder is a collection (named by the job
 * id), each file in it a dataset (named by its path in the folder). Collections come into being
 * with their transformation; this API fills, reads and empties them.
 */
@Path("/data")
@Authenticated
@Tag(name = "Data", description = "MarketPlace standard app API: job folders as collections, files as datasets")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "503", description = "The cluster does not answer; retry after Retry-After seconds")
public class DataResource {

    private final JobService jobs;
    private final JobFiles files;
    private final Users users;
    private final SecurityIdentity identity;

    DataResource(JobService jobs, JobFiles files, Users users, SecurityIdentity identity) {
        this.jobs = jobs;
        this.files = files;
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listCollections", summary = "The caller's collections: one per job, newest first",
            extensions = @Extension(name = MarketplaceDocument.PROFILE, value = ""))
    @APIResponse(responseCode = "200", description = "The collections",
            content = @Content(schema = @Schema(implementation = DataModels.Collections.class)))
    @APIResponse(responseCode = "204", description = "No collections found")
    public Response collections(@Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String limit,
                                @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String offset) {
        List<DataModels.Collection> items = jobs.range(user(), QueryParams.offset(offset), QueryParams.limit(limit, 100, 500))
                .stream().map(job -> new DataModels.Collection(job.id, job.id, job.updatedAt.toString())).toList();
        return items.isEmpty() ? Response.noContent().build() : Response.ok(new DataModels.Collections(items)).build();
    }

    @GET
    @Path("/{collection_name}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listDatasets", summary = "The files of a job folder, recursively",
            extensions = @Extension(name = MarketplaceDocument.PROFILE, value = ""))
    @APIResponse(responseCode = "200", description = "The datasets",
            content = @Content(schema = @Schema(implementation = DataModels.Datasets.class)))
    @APIResponse(responseCode = "204", description = "No datasets found")
    @APIResponse(responseCode = "404", description = "No such collection of the caller's")
    public Response datasets(@RestPath("collection_name") String collection,
                             @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String limit,
                             @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @RestQuery String offset) {
        int from = QueryParams.offset(offset);
        int count = QueryParams.limit(limit, 100, 100_000);
        List<DataModels.Dataset> items = files.list(job(collection)).stream()
                .filter(file -> file.type().equals("file")).skip(from).limit(count)
                .map(file -> new DataModels.Dataset(file.path(), file.size(), DownloadResponses.contentType(file.path()),
                        file.lastModified()))
                .toList();
        return items.isEmpty() ? Response.noContent().build() : Response.ok(new DataModels.Datasets(items)).build();
    }

    @PUT
    @Path("/{collection_name}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createOrUpdateCollection", summary = "Make sure the job folder exists",
            description = "Collections are created with their transformation (POST /transformations); for an "
                    + "existing one this recreates a removed folder.",
            extensions = @Extension(name = MarketplaceDocument.PROFILE, value = ""))
    @APIResponse(responseCode = "202", description = "The collection exists")
    @APIResponse(responseCode = "404", description = "No such collection: create a transformation first")
    public Response updateCollection(@RestPath("collection_name") String collection) {
        files.ensureFolder(job(collection));
        return Response.accepted().build();
    }

    @HEAD
    @Path("/{collection_name}")
    @Operation(operationId = "getCollectionMetadata", summary = "Whether the collection exists (no body)",
            extensions = @Extension(name = MarketplaceDocument.PROFILE, value = ""))
    @APIResponse(responseCode = "204", description = "The collection exists")
    @APIResponse(responseCode = "404", description = "No such collection of the caller's")
    public Response headCollection(@RestPath("collection_name") String collection) {
        job(collection);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{collection_name}")
    @Operation(operationId = "deleteCollection", summary = "Delete an empty collection, and with it its job",
            extensions = @Extension(name = MarketplaceDocument.PROFILE, value = ""))
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such collection of the caller's")
    @APIResponse(responseCode = "409", description = "The collection still holds files")
    public Response deleteCollection(@RestPath("collection_name") String collection) {
        GatewayJob job = job(collection);
        int held = files.list(job).size();
        if (held > 0) {
            throw ApiException.conflict("Collection " + collection + " holds " + held + " entries; delete its "
                    + "datasets first, or delete the transformation", Map.of("entries", held));
        }
        jobs.delete(user(), collection);
        return Response.noContent().build();
    }

    /**
     * {@code PUT /data/{collection_name}/}: the router ignores the trailing slash and tells this
     * from {@link #updateCollection} by its multipart body. The scanner cannot keep two PUTs on one
     * path apart, so this operation is documented in {@code META-INF/openapi.yaml}. The dataset is
     * named by {@code ?dataset_name=}, else by the upload's own file name.
     */
    @Idempotent
    @Extension(name = Idempotent.EXTENSION, value = "true")
    @PUT
    @Path("/{collection_name}/")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response createDataset(@RestPath("collection_name") String collection,
                                  @RestQuery("dataset_name") String datasetName, @BeanParam FileForm form) {
        return store(collection, form.name(datasetName), form);
    }

    @Idempotent
    @Extension(name = Idempotent.EXTENSION, value = "true")
    @PUT
    @Path("/{collection_name}/{dataset_name: .+}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createOrReplaceDataset", summary = "Store the uploaded file under the given path",
            extensions = @Extension(name = MarketplaceDocument.PROFILE, value = ""))
    @APIResponse(responseCode = "201", description = "Stored")
    @APIResponse(responseCode = "403", description = "The path leaves the job folder")
    @APIResponse(responseCode = "409", description = "The job is queued or running")
    public Response replaceDataset(@RestPath("collection_name") String collection, @RestPath("dataset_name") String dataset, @BeanParam FileForm form) {
        return store(collection, dataset, form);
    }

    @GET
    @Path("/{collection_name}/{dataset_name: .+}")
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "getDataset", summary = "The file's bytes (streamed; one Range honoured)",
            extensions = @Extension(name = MarketplaceDocument.PROFILE, value = ""))
    @APIResponse(responseCode = "200", description = "The file's bytes")
    @APIResponse(responseCode = "206", description = "The requested range")
    @APIResponse(responseCode = "404", description = "No such collection or dataset")
    public Response getDataset(@RestPath("collection_name") String collection, @RestPath("dataset_name") String dataset,
                               @HeaderParam("Range") String range) {
        return DownloadResponses.of(files.download(job(collection), dataset, range),
                DownloadResponses.contentType(dataset)).build();
    }

    @HEAD
    @Path("/{collection_name}/{dataset_name: .+}")
    @Operation(operationId = "getDatasetMetadata", summary = "The file's length, type and modification time, no bytes",
            extensions = @Extension(name = MarketplaceDocument.PROFILE, value = ""))
    @APIResponse(responseCode = "200", description = "The dataset exists")
    @APIResponse(responseCode = "404", description = "No such collection or dataset")
    public Response headDataset(@RestPath("collection_name") String collection, @RestPath("dataset_name") String dataset) {
        JobFiles.FileStat stat = files.stat(job(collection), dataset);
        return Response.ok().type(DownloadResponses.contentType(dataset)).header("Content-Length", stat.size())
                .lastModified(Date.from(stat.modified())).header("Accept-Ranges", "bytes").build();
    }

    @DELETE
    @Path("/{collection_name}/{dataset_name: .+}")
    @Operation(operationId = "deleteDataset", summary = "Delete the file",
            extensions = @Extension(name = MarketplaceDocument.PROFILE, value = ""))
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such collection or dataset")
    public Response deleteDataset(@RestPath("collection_name") String collection, @RestPath("dataset_name") String dataset) {
        files.delete(job(collection), dataset);
        return Response.noContent().build();
    }

    private Response store(String collection, String dataset, FileForm form) {
        GatewayJob job = job(collection);
        JobFiles.FileView stored = form.withContent(content -> files.upload(job, dataset, content, form.size(), null));
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new DataModels.DatasetCreated(Instant.now().toString(), stored.path())).build();
    }

    private GatewayJob job(String collection) {
        return jobs.owned(user(), collection);
    }

    private UserAccount user() {
        return users.current(identity);
    }
}
