package io.hpcgateway.gateway.cluster;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** One exchange on a cluster's file client (its API or its staging store): a transport failure is a 503 naming {@code peer}. */
final class FileHttp {

    private FileHttp() {}

    static <T> HttpResponse<T> send(Cluster cluster, String peer, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return cluster.files().send(request, body);
        } catch (IOException e) {
            throw ClusterUnavailableException.from(peer, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException(cluster.name(), "interrupted", true);
        }
    }
}
