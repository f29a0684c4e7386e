package io.hpcgateway.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a fixed local port in front of a real service, for fault tests: it forwards, or
 * refuses connections (nothing listens: the request certainly never arrives), or swallows them
 * (it reads the request, then closes without an answer: the outcome is unknown to the caller).
 * Changing the mode cuts the connections already open, so pooled ones cannot slip past it.
 */
public final class TcpProxy implements AutoCloseable {

    public enum Mode { FORWARD, REFUSE, SWALLOW }

    private final int port;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.FORWARD;
    private volatile ServerSocket server;

    public TcpProxy(int targetPort) throws IOException {
        this.port = FrontendProcess.freePort();
        this.targetPort = targetPort;
        listen();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized void mode(Mode next) throws IOException {
        this.mode = next;
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
        if (next == Mode.REFUSE) {
            server.close();
        } else if (server.isClosed()) {
            listen();
        }
    }

    private void listen() throws IOException {
        ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        socket.setReuseAddress(true);
        server = socket;
        Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                if (mode == Mode.SWALLOW) {
                    pump(() -> {
                        client.getInputStream().read(new byte[64 * 1024]); // the request went out...
                        client.close(); // ...and no answer comes back
                    });
                } else {
                    Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    open.add(target);
                    pump(() -> copy(client.getInputStream(), target.getOutputStream(), target));
                    pump(() -> copy(target.getInputStream(), client.getOutputStream(), client));
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private interface Work {
        void run() throws IOException;
    }

    private static void pump(Work work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (IOException ended) {
                // one side closed: the other follows
            }
        });
        thread.setDaemon(true);
        thread.start();
    }

    private static void copy(InputStream in, OutputStream out, Socket other) throws IOException {
        try (other) {
            in.transferTo(out);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
