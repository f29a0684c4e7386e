package io.hpcgateway.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * The gateway's REST API over the JDK's HTTP client: JSON in and out as Jackson trees, a bearer
 * token on every call, and every refusal turned into the gateway's own {@code message} with the
 * exit code its status calls for. Works the same against the gateway and the relay's edge.
 */
public final class Gateway {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_AGENT = "hpcgw/" + Gateway.class.getPackage().getImplementationVersion();
    /** The most of an error body read for its message. */
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final URI base;
    private final HttpClient http;
    private final Supplier<String> token;

    public Gateway(URI base, SSLContext tls, Supplier<String> token) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(15)).followRedirects(HttpClient.Redirect.NEVER);
        this.http = (tls == null ? builder : builder.sslContext(tls)).build();
        this.token = token;
    }

    public URI base() {
        return base;
    }

    public HttpClient http() {
        return http;
    }

    /** An absolute URI for a path of the API ({@code /api/v2/...}) or a Location the gateway answered. */
    public URI uri(String pathOrUrl) {
        return pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://") ? URI.create(pathOrUrl)
                : URI.create(base + (pathOrUrl.startsWith("/") ? "" : "/") + pathOrUrl);
    }

    /** A request to the API with the caller's token and the command line's User-Agent. */
    public HttpRequest.Builder request(String pathOrUrl) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathOrUrl)).header("User-Agent", USER_AGENT)
                .header("Accept", "application/json");
        String bearer = token == null ? null : token.get();
        return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
    }

    public JsonNode get(String path) {
        return json(request(path).GET());
    }

    public JsonNode post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    /** A call with a JSON body (or none, when {@code body} is null), answering the JSON answer (missing when empty). */
    public JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = request(path);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        return json(request);
    }

    private JsonNode json(HttpRequest.Builder request) {
        HttpResponse<InputStream> response = checked(send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        try (InputStream body = response.body()) {
            byte[] bytes = body.readAllBytes();
            return bytes.length == 0 ? MissingNode.getInstance() : JSON.readTree(bytes);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** Sends, turning a connection failure into a one-line error (exit code 7). */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(130, "Interrupted");
        }
    }

    /** The response when it succeeded; otherwise the gateway's message, with its status's exit code. */
    public HttpResponse<InputStream> checked(HttpResponse<InputStream> response) {
        int status = response.statusCode();
        if (status < 300) {
            return response;
        }
        String text;
        try (InputStream body = response.body()) {
            text = new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = "";
        }
        throw refusal(status, text, response.headers().firstValue("Location").orElse(null));
    }

    static CliException refusal(int status, String body, String location) {
        if (status == 301 || status == 302 || status == 307 || status == 308) {
            return new CliException(ExitCodes.USAGE, "The gateway redirects to " + location
                    + ": use that address (--gateway or HPCGW_GATEWAY)");
        }
        String message = null;
        String error = null;
        try {
            JsonNode json = JSON.readTree(body);
            message = json.path("message").asText(null);
            error = json.path("error").asText(null);
        } catch (IOException | RuntimeException e) {
            // not JSON: the status says it
        }
        if (message == null) {
            message = body.isBlank() ? "the gateway answered HTTP " + status : body.strip().lines().findFirst().orElse("");
        }
        if (status == 401) {
            message += " (run 'hpcgw login')";
        }
        int exitCode = "checksum_mismatch".equals(error) ? ExitCodes.INTEGRITY : ExitCodes.forStatus(status);
        return new Refusal(exitCode, message + " [HTTP " + status + (error == null ? "" : " " + error) + "]", status,
                error);
    }

    public CliException unreachable(IOException e) {
        String reason = e instanceof ConnectException ? "connection refused"
                : e instanceof HttpConnectTimeoutException ? "no answer within 15 s"
                : e instanceof SSLException ? "TLS failed (" + e.getMessage() + "); a site CA goes in ca-file / HPCGW_CA_FILE"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CliException(ExitCodes.SERVER, "Cannot reach the gateway at " + base + ": " + reason, e);
    }
}
