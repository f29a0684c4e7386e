package io.hpcgateway.gateway.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one signed event to one receiver: the name resolved and checked now
 * ({@link ReceiverAddresses}), the connection made to that very address (TLS still verifies the
 * name), the answer awaited at most {@code gateway.webhooks.timeout}, no redirect followed. Any
 * 2xx is delivered; anything else, or no answer, is not.
 */
@ApplicationScoped
public class WebhookSender {

    /** What became of one attempt. */
    record Outcome(boolean delivered, Integer status, String error, long millis) {}

    private static final int MAX_ERROR = 200;

    private final ReceiverAddresses addresses;
    private final WebhookConfig config;
    private final ObjectMapper json;
    private final HttpClient http;

    WebhookSender(ReceiverAddresses addresses, WebhookConfig config, ObjectMapper json, Vertx vertx) {
        this.addresses = addresses;
        this.config = config;
        this.json = json;
        // No pooled connections: each delivery connects to the address it checked just before.
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setForceSni(true)
                .setConnectTimeout((int) config.timeout().toMillis()).setMaxRedirects(0));
    }

    /** The body a receiver gets: Standard Webhooks' {@code type}, {@code timestamp} and {@code data}. */
    byte[] body(WebhookEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type());
        body.put("timestamp", event.at().toString());
        body.put("data", event.data());
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event's data is plain JSON", e);
        }
    }

    Outcome send(Webhook webhook, WebhookEvent event) throws InterruptedException {
        long started = System.nanoTime();
        ReceiverAddresses.Receiver receiver;
        try {
            receiver = addresses.resolve(addresses.parse(webhook.url));
        } catch (ReceiverAddresses.Refused e) {
            return new Outcome(false, null, e.getMessage(), 0);
        }
        byte[] body = body(event);
        Instant at = Instant.now();
        long now = at.getEpochSecond();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(receiver.url().toString())
                .setServer(SocketAddress.inetSocketAddress(receiver.port(), receiver.address().getHostAddress()))
                .setConnectTimeout(config.timeout().toMillis()).setIdleTimeout(config.timeout().toMillis())
                .setFollowRedirects(false)
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "hpc-gateway-webhooks")
                .putHeader("webhook-id", event.id())
                .putHeader("webhook-timestamp", Long.toString(now))
                .putHeader("webhook-signature", WebhookSignature.header(webhook, event.id(), now, body, at));
        try {
            // Only the status counts: the answer's body is not read (not held either), and the connection,
            // never reused, closes after it.
            HttpClientResponse response = http.request(request)
                    .compose(r -> r.send(Buffer.buffer(body)))
                    .toCompletionStage().toCompletableFuture()
                    .get(config.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            return new Outcome(status / 100 == 2, status, status / 100 == 2 ? null : "the receiver answered " + status,
                    elapsed(started));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Outcome(false, null, truncate(cause.getMessage() != null ? cause.getMessage()
                    : cause.getClass().getSimpleName()), elapsed(started));
        } catch (TimeoutException e) {
            return new Outcome(false, null, "no answer within " + config.timeout().toSeconds() + " s", elapsed(started));
        }
    }

    @PreDestroy
    void close() {
        http.close();
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String truncate(String message) {
        return message.length() <= MAX_ERROR ? message : message.substring(0, MAX_ERROR);
    }
}
