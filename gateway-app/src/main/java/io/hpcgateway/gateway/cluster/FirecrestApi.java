package io.hpcgateway.gateway.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.gateway.platform.StrictJson;
import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The FirecREST v2 routes the gateway calls (JSON ones; file bodies go through {@link FileTransfer}). */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface FirecrestApi {

    /** FirecREST's answers are read leniently: the gateway's strictness is for its own clients' input. */
    @ClientObjectMapper
    static ObjectMapper objectMapper(ObjectMapper defaultObjectMapper) {
        return StrictJson.lenient(defaultObjectMapper);
    }

    @GET
    @Path("/status/systems")
    Firecrest.Systems systems(@HeaderParam("Authorization") String authorization);

    @GET
    @Path("/status/{system}/userinfo")
    Firecrest.UserInfo userinfo(@HeaderParam("Authorization") String authorization, @PathParam("system") String system);

    @GET
    @Path("/status/{system}/nodes")
    Firecrest.Nodes nodes(@HeaderParam("Authorization") String authorization, @PathParam("system") String system);

    @GET
    @Path("/status/{system}/partitions")
    Firecrest.Partitions partitions(@HeaderParam("Authorization") String authorization,
                                    @PathParam("system") String system);

    @POST
    @Path("/compute/{system}/jobs")
    Firecrest.SubmitResponse submit(@HeaderParam("Authorization") String authorization,
                                    @PathParam("system") String system, Firecrest.SubmitRequest request);

    @GET
    @Path("/compute/{system}/jobs")
    Firecrest.Jobs jobs(@HeaderParam("Authorization") String authorization, @PathParam("system") String system,
                        @QueryParam("allusers") boolean allUsers, @QueryParam("time_window") String timeWindow,
                        @QueryParam("name") String name);

    @GET
    @Path("/compute/{system}/jobs/{jobId}")
    Firecrest.Jobs job(@HeaderParam("Authorization") String authorization, @PathParam("system") String system,
                       @PathParam("jobId") long jobId);

    @GET
    @Path("/compute/{system}/acct")
    Firecrest.AccountingList accounting(@HeaderParam("Authorization") String authorization,
                                        @PathParam("system") String system, @QueryParam("jobs") String jobIds,
                                        @QueryParam("allusers") boolean allUsers);

    @DELETE
    @Path("/compute/{system}/jobs/{jobId}")
    void cancel(@HeaderParam("Authorization") String authorization, @PathParam("system") String system,
                @PathParam("jobId") long jobId);

    @GET
    @Path("/filesystem/{system}/ops/ls")
    Firecrest.Entries ls(@HeaderParam("Authorization") String authorization, @PathParam("system") String system,
                         @QueryParam("path") String path, @QueryParam("recursive") boolean recursive,
                         @QueryParam("showHidden") boolean showHidden);

    @GET
    @Path("/filesystem/{system}/ops/stat")
    Firecrest.StatOutput stat(@HeaderParam("Authorization") String authorization, @PathParam("system") String system,
                              @QueryParam("path") String path);

    @POST
    @Path("/filesystem/{system}/ops/mkdir")
    void mkdir(@HeaderParam("Authorization") String authorization, @PathParam("system") String system,
               Firecrest.Mkdir request);

    @DELETE
    @Path("/filesystem/{system}/ops/rm")
    void rm(@HeaderParam("Authorization") String authorization, @PathParam("system") String system,
            @QueryParam("path") String path);

    @GET
    @Path("/filesystem/{system}/ops/checksum")
    Firecrest.ChecksumOutput checksum(@HeaderParam("Authorization") String authorization,
                                      @PathParam("system") String system, @QueryParam("path") String path);

    @POST
    @Path("/filesystem/{system}/transfer/upload")
    Firecrest.StagedTransfer stageUpload(@HeaderParam("Authorization") String authorization,
                                         @PathParam("system") String system, Firecrest.TransferRequest request);

    @POST
    @Path("/filesystem/{system}/transfer/download")
    Firecrest.StagedTransfer stageDownload(@HeaderParam("Authorization") String authorization,
                                           @PathParam("system") String system, Firecrest.TransferRequest request);
}
