package io.hpcgateway.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Whether a service listens yet: the status of a GET, from here or from inside its site. */
public final class HttpProbe {

    private HttpProbe() {}

    /** The HTTP status, or -1 when nothing answers; through {@code site} when it is not null. */
    public static int status(NetworkNamespace site, String url) throws InterruptedException {
        if (site != null) {
            return site.status(url);
        }
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return -1;
        }
    }
}
