package io.hpcgateway.broker.edge;

import io.hpcgateway.broker.protocol.Wire;
import io.vertx.core.http.HttpServerResponse;

/**
 * The HTTP answer to one request the edge put on the queue, written as its messages arrive: the
 * head (status, headers, first piece), then the parts in order. A head seen twice (a restarted
 * relay answering again) is ignored once writing has begun.
 */
final class PendingAnswer {

    private final HttpServerResponse response;
    final long startNanos = System.nanoTime();
    long timer;
    private boolean started;
    private int nextPart = 1;

    PendingAnswer(HttpServerResponse response) {
        this.response = response;
    }

    /** Writes the head; true when the answer is complete. */
    boolean head(Wire.ResponseHead head) {
        if (started) {
            return false;
        }
        started = true;
        response.setStatusCode(head.status());
        head.headers().forEach(response::putHeader);
        if (!head.more()) {
            response.end(head.body());
            return true;
        }
        response.setChunked(true);
        response.write(head.body());
        return false;
    }

    /** Writes a later part; true when the answer is complete. A part out of order breaks the answer. */
    boolean part(Wire.Part part) {
        if (!started || part.chunk() != nextPart) {
            response.reset();
            return true;
        }
        nextPart++;
        if (part.more()) {
            response.write(part.body());
            return false;
        }
        response.end(part.body());
        return true;
    }

    /** Ends with an error: a JSON answer if nothing was written yet, else a broken connection. */
    void fail(int status, String error, String message) {
        if (started || response.ended() || response.closed()) {
            response.reset();
            return;
        }
        started = true;
        response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Wire.errorBody(error, message));
    }

    boolean started() {
        return started;
    }
}
