package io.hpcgateway.broker.protocol;

/**
 * A body travels in parts of {@code broker.chunk-size}, each base64 in a JSON envelope (binary
 * bodies, the usual case for files), and every message must stay within what the broker takes
 * ({@code broker.max-message-size}, at most RabbitMQ's {@code max_message_size}). Checked at start,
 * so a misconfiguration stops the service instead of failing the first large transfer.
 */
public final class MessageSizes {

    /** Room for a part's JSON fields and an answer head's headers. */
    static final long ENVELOPE = 64 * 1024;

    private MessageSizes() {}

    public static void requirePartsFit(long chunkSize, long maxMessageSize) {
        long largestPart = (chunkSize + 2) / 3 * 4 + ENVELOPE;
        if (largestPart > maxMessageSize) {
            throw new IllegalStateException("broker.chunk-size (" + chunkSize + " bytes) makes messages of up to "
                    + largestPart + " bytes in base64, more than broker.max-message-size (" + maxMessageSize
                    + "): lower the first or raise the second");
        }
    }
}
