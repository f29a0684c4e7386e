package io.hpcgateway.broker.protocol;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Sends one body as a sequence of messages: the head (built by the caller, with the first piece)
 * and then numbered parts, each about {@code chunkSize} bytes. The caller appends what it reads
 * and flushes when {@link #full()}, waiting for the broker's acknowledgement before reading on,
 * so at most one piece per body is held in memory.
 */
public final class ChunkedSender {

    private final long chunkSize;
    private final BiFunction<Buffer, Boolean, Buffer> head;
    private final String contentType;
    private final Function<Buffer, Future<Void>> send;
    private Buffer pending = Buffer.buffer();
    private int next;

    /**
     * @param head builds the first message from its body piece and whether more follows
     * @param send sends one message, completing when the broker accepted it
     */
    public ChunkedSender(long chunkSize, BiFunction<Buffer, Boolean, Buffer> head, String contentType,
                         Function<Buffer, Future<Void>> send) {
        this.chunkSize = chunkSize;
        this.head = head;
        this.contentType = contentType;
        this.send = send;
    }

    public void append(Buffer data) {
        pending.appendBuffer(data);
    }

    public boolean full() {
        return pending.length() >= chunkSize;
    }

    /** Whether the head went out already (an error can then only end the sequence). */
    public boolean started() {
        return next > 0;
    }

    public Future<Void> flush(boolean more) {
        Buffer body = pending;
        pending = Buffer.buffer();
        Buffer message = next == 0 ? head.apply(body, more) : Wire.part(new Wire.Part(next, body, more), contentType);
        next++;
        return send.apply(message);
    }
}
