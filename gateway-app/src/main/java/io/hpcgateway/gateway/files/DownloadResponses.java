package io.hpcgateway.gateway.files;

import io.hpcgateway.gateway.cluster.FileTransfer;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLConnection;

/** Turns a streamed download from the cluster into an HTTP answer, with its length and range headers. */
public final class DownloadResponses {

    private DownloadResponses() {}

    public static Response.ResponseBuilder of(FileTransfer.Download download, String contentType) {
        Response.ResponseBuilder response = Response.status(download.status()).entity(download.body())
                .type(contentType).header("Accept-Ranges", "bytes");
        if (download.contentLength() != null) {
            response.header("Content-Length", download.contentLength());
        }
        if (download.contentRange() != null) {
            response.header("Content-Range", download.contentRange());
        }
        return response;
    }

    /** The media type a file's name suggests; octet-stream when it suggests none. */
    public static String contentType(String path) {
        String guessed = URLConnection.getFileNameMap().getContentTypeFor(path);
        return guessed == null ? MediaType.APPLICATION_OCTET_STREAM : guessed;
    }
}
