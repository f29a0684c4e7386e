package io.hpcgateway.cli.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of the gateway that breaks a transfer once, as a flaky network does: it
 * cuts the connection after so many bytes upstream (an upload) or downstream (a download), or
 * flips one byte of a download. Every other connection passes untouched.
 */
public final class CuttingProxy implements AutoCloseable {

    /** What to do once the armed direction has carried {@code after} bytes on one connection. */
    public enum Fault { CUT_UPLOAD, CUT_DOWNLOAD, CORRUPT_DOWNLOAD }

    private final ServerSocket server;
    private final int target;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicInteger faults = new AtomicInteger();
    private volatile Fault fault;
    private volatile long after;

    public CuttingProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Arms one fault, after {@code bytes} bytes of one connection in its direction. */
    public void arm(Fault next, long bytes) {
        fault = next;
        after = bytes;
        armed.set(true);
    }

    /** How many faults were done so far. */
    public int faults() {
        return faults.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target));
                pump(client, upstream, false);
                pump(upstream, client, true);
            } catch (IOException e) {
                // closed, or the gateway refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to, boolean downstream) {
        Thread thread = new Thread(() -> {
            AtomicLong carried = new AtomicLong();
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    long before = carried.getAndAdd(n);
                    Fault now = fault;
                    boolean mine = now != null && (now == Fault.CUT_UPLOAD) != downstream;
                    if (mine && armed.get() && before + n > after && armed.compareAndSet(true, false)) {
                        faults.incrementAndGet();
                        if (now == Fault.CORRUPT_DOWNLOAD) {
                            int at = (int) Math.max(0, after - before);
                            buffer[at] ^= 0x5a;
                        } else {
                            from.close();
                            to.close();
                            return;
                        }
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                close(from);
                close(to);
            }
        }, "cutting-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
