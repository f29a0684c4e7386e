package io.hpcgateway.gateway.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Ends after {@code limit} bytes of a request body of unknown length, counting them, so a part
 * never goes past its upload's length; {@link #hasMore} tells whether the sender sent more.
 */
final class BoundedStream extends FilterInputStream {

    private final long limit;
    private long count;

    BoundedStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    long count() {
        return count;
    }

    /** Whether the body goes on past the limit (reads one byte of it). */
    boolean hasMore() {
        try {
            return count >= limit && in.read() >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public int read() throws IOException {
        if (count >= limit) {
            return -1;
        }
        int b = in.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (count >= limit) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, limit - count));
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(Math.min(n, limit - count));
        count += skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), limit - count);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
