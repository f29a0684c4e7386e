package io.hpcgateway.broker.relay;

import io.hpcgateway.broker.amqp.ReplySenders;
import io.hpcgateway.broker.protocol.ChunkedSender;
import io.hpcgateway.broker.protocol.Headers;
import io.hpcgateway.broker.protocol.Wire;
import io.vertx.amqp.AmqpMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request on its way through the relay: its messages (held unsettled), its body (in the
 * message, or staged to a file when it came in parts), the call to the gateway, and the answer
 * streamed back to the reply-to address. The messages are accepted only once the whole answer
 * was acknowledged by the broker: a relay that dies before leaves them to be delivered again.
 */
final class Replay {

    /** How one replay ended, for metrics and logs. */
    enum Outcome { ANSWERED, TIMEOUT, FAILED, ABANDONED }

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final long MAX_RETRY_DELAY_MILLIS = 5_000;

    private final Vertx vertx;
    private final ReplySenders replies;
    private final Wire.RequestHead head;
    private final URI target;
    private final String correlationId;
    private final String replyTo;
    private final long chunkSize;
    private final long maxMessageSize;
    /** The key the relay gives the request when it has none (see {@link #ownKey}), or null. */
    private final String ownKey;
    private final List<AmqpMessage> deliveries = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private String stagedFile;
    private AsyncFile staging;
    /** The staging writes so far, chained so that parts reach the file in order. */
    private Future<Void> staged;
    private int nextPart = 1;
    private HttpClientRequest call;
    private boolean abandoned;
    private boolean failing;

    Replay(Vertx vertx, ReplySenders replies, AmqpMessage first, Wire.RequestHead head, URI target, long chunkSize,
           long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
        this.vertx = vertx;
        this.replies = replies;
        this.head = head;
        this.target = target;
        this.correlationId = first.correlationId();
        this.replyTo = first.replyTo();
        this.chunkSize = chunkSize;
        this.deliveries.add(first);
        this.ownKey = ownKey(head, replyTo, correlationId);
    }

    String correlationId() {
        return correlationId;
    }

    long startNanos() {
        return startNanos;
    }

    String describe() {
        return "method=" + head.method() + " path=" + target.getRawPath();
    }

    /** Stages a body that comes in parts: the head's piece first. */
    Future<Void> stageFirst() {
        staged = vertx.fileSystem().createTempFile("rpc-broker-", ".body").compose(path -> {
            stagedFile = path;
            return vertx.fileSystem().open(path, new OpenOptions().setWrite(true).setAppend(true));
        }).compose(file -> {
            staging = file;
            return file.write(head.body());
        });
        return staged;
    }

    /**
     * Appends a later part after everything staged before it; completes with true when it was
     * the last and the file is closed. A part out of order is a broken sequence.
     */
    Future<Boolean> stage(AmqpMessage message, Wire.Part part) {
        deliveries.add(message);
        if (part.chunk() != nextPart) {
            return Future.failedFuture("part " + part.chunk() + " arrived where " + nextPart + " was due");
        }
        nextPart++;
        staged = staged.compose(previous -> staging.write(part.body()));
        if (part.more()) {
            return staged.map(false);
        }
        staged = staged.compose(previous -> {
            AsyncFile complete = staging;
            staging = null;
            return complete.close();
        });
        return staged.map(true);
    }

    /** Calls the gateway and streams its answer back; completes with how it ended. */
    Future<Outcome> run(HttpClient http, long timeoutMillis) {
        Promise<Outcome> done = Promise.promise();
        long timer = vertx.setTimer(timeoutMillis, id -> {
            if (call != null) {
                call.reset();
            }
            fail(null, 504, "gateway_timeout", "The gateway did not answer within " + timeoutMillis + " ms",
                    Outcome.TIMEOUT, done);
        });
        attempt(http, timeoutMillis, timer, done);
        return done.future().onComplete(outcome -> cleanUp());
    }

    /**
     * One call to the gateway. When the relay gave the request its key and the gateway answers
     * that the key's first request still runs (the relay that took it died), the call is made
     * again after the gateway's {@code Retry-After}, until that first answer is there to replay.
     */
    private void attempt(HttpClient http, long timeoutMillis, long timer, Promise<Outcome> done) {
        RequestOptions options = new RequestOptions().setAbsoluteURI(target.toString())
                .setMethod(HttpMethod.valueOf(head.method())).setIdleTimeout(timeoutMillis);
        Headers.endToEnd(head.headers().entrySet()).forEach(options::addHeader);
        if (ownKey != null) {
            options.addHeader(IDEMPOTENCY_KEY, ownKey);
        }
        http.request(options).compose(request -> {
            call = request;
            return send(request);
        }).onSuccess(response -> {
            if (ownKey != null && response.statusCode() == 409 && response.getHeader("Retry-After") != null) {
                long delay = retryDelayMillis(response.getHeader("Retry-After"));
                response.body().onComplete(drained -> vertx.setTimer(delay, id -> {
                    if (!abandoned && !done.future().isComplete()) {
                        attempt(http, timeoutMillis, timer, done);
                    }
                }));
                return;
            }
            vertx.cancelTimer(timer);
            stream(response, done);
        }).onFailure(e -> {
            vertx.cancelTimer(timer);
            fail(null, 502, "gateway_unreachable", "The gateway could not be reached: " + e.getMessage(),
                    Outcome.FAILED, done);
        });
    }

    /**
     * The {@code Idempotency-Key} the relay gives a request that has none: from its reply-to and
     * correlation id, which a redelivery keeps, so the gateway replays instead of repeating.
     */
    private static String ownKey(Wire.RequestHead head, String replyTo, String correlationId) {
        if (correlationId == null || head.headers().keySet().stream().anyMatch(IDEMPOTENCY_KEY::equalsIgnoreCase)) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((replyTo + "\n" + correlationId)
                    .getBytes(StandardCharsets.UTF_8));
            return "amqp-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static long retryDelayMillis(String retryAfter) {
        try {
            return Math.min(MAX_RETRY_DELAY_MILLIS, Math.max(100, Long.parseLong(retryAfter.strip()) * 1000));
        } catch (NumberFormatException e) {
            return MAX_RETRY_DELAY_MILLIS;
        }
    }

    /** Stops caring: the connection these messages came on is gone, so they will be delivered again. */
    void abandon() {
        abandoned = true;
        if (call != null) {
            call.reset();
        }
        cleanUp();
    }

    void acceptAll() {
        deliveries.forEach(AmqpMessage::accepted);
    }

    void rejectAll() {
        deliveries.forEach(AmqpMessage::rejected);
    }

    private Future<HttpClientResponse> send(HttpClientRequest request) {
        if (stagedFile == null) {
            return request.send(head.body());
        }
        return vertx.fileSystem().props(stagedFile).compose(props -> {
            request.putHeader("Content-Length", Long.toString(props.size()));
            return vertx.fileSystem().open(stagedFile, new OpenOptions().setRead(true));
        }).compose(request::send);
    }

    private void stream(HttpClientResponse response, Promise<Outcome> done) {
        if (!head.acceptsChunks()) {
            whole(response, done);
            return;
        }
        Map<String, String> headers = Headers.endToEnd(response.headers());
        String contentType = response.getHeader("Content-Type");
        ChunkedSender typed = new ChunkedSender(chunkSize,
                (body, more) -> Wire.response(new Wire.ResponseHead(response.statusCode(), headers, body, more),
                        contentType), contentType, this::send);
        response.handler(data -> {
            typed.append(data);
            if (typed.full()) {
                response.pause();
                typed.flush(true).onSuccess(sent -> response.resume())
                        .onFailure(e -> done.tryComplete(Outcome.ABANDONED));
            }
        });
        response.exceptionHandler(e -> fail(typed, 502, "gateway_failed", "The gateway's answer broke off: "
                + e.getMessage(), Outcome.FAILED, done));
        response.endHandler(end -> typed.flush(false)
                .onSuccess(sent -> done.tryComplete(Outcome.ANSWERED))
                .onFailure(e -> done.tryComplete(Outcome.ABANDONED)));
    }

    /**
     * The answer as one message, for a requester that reads only one (a stock MarketPlace
     * consumer reads {@code status_code}, {@code headers} and {@code body} and nothing else); a
     * 413 when that message would pass {@code broker.max-message-size}.
     */
    private void whole(HttpClientResponse response, Promise<Outcome> done) {
        Map<String, String> headers = Headers.endToEnd(response.headers());
        String contentType = response.getHeader("Content-Type");
        String length = response.getHeader("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                && Long.parseLong(length) > maxMessageSize) {
            tooLarge(done);
            return;
        }
        Buffer body = Buffer.buffer();
        response.handler(data -> {
            body.appendBuffer(data);
            if (body.length() > maxMessageSize) {
                tooLarge(done);
            }
        });
        response.exceptionHandler(e -> fail(null, 502, "gateway_failed", "The gateway's answer broke off: "
                + e.getMessage(), Outcome.FAILED, done));
        response.endHandler(end -> {
            if (failing) {
                return;
            }
            Buffer message = Wire.response(new Wire.ResponseHead(response.statusCode(), headers, body, false),
                    contentType);
            if (message.length() > maxMessageSize) {
                tooLarge(done);
                return;
            }
            send(message).onComplete(sent -> done.tryComplete(sent.succeeded() ? Outcome.ANSWERED : Outcome.ABANDONED));
        });
    }

    private void tooLarge(Promise<Outcome> done) {
        if (call != null) {
            call.reset(); // stops the gateway's transfer: nobody will read it
        }
        fail(null, 413, "answer_too_large", "The answer does not fit in one broker message (at most "
                + maxMessageSize + " bytes); add \"accept_chunks\": true to the request to receive it in parts, or "
                + "ask for a part of a file with a Range header", Outcome.ANSWERED, done);
    }

    /** Answers an error: a whole answer if nothing was sent yet, else the end of the broken sequence. */
    private void fail(ChunkedSender started, int status, String error, String message, Outcome outcome,
                      Promise<Outcome> done) {
        if (failing || done.future().isComplete()) {
            return; // a timeout and the reset call it causes both end up here: answer once
        }
        failing = true;
        Future<Void> sent;
        if (started != null && started.started()) {
            sent = started.flush(false);
        } else {
            sent = send(Wire.errorResponse(status, error, message));
        }
        sent.onComplete(result -> done.tryComplete(result.succeeded() ? outcome : Outcome.ABANDONED));
    }

    private Future<Void> send(Buffer message) {
        if (abandoned) {
            return Future.failedFuture("abandoned");
        }
        if (replyTo == null) {
            return Future.succeededFuture(); // the sender wants no answer
        }
        return replies.reply(replyTo, correlationId, message);
    }

    private void cleanUp() {
        if (staging != null) {
            staging.close();
            staging = null;
        }
        if (stagedFile != null) {
            String file = stagedFile;
            stagedFile = null;
            vertx.fileSystem().delete(file);
        }
    }
}
