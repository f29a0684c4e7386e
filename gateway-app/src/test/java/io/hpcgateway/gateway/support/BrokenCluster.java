package io.hpcgateway.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A cluster whose FirecREST API starts every answer and closes the connection in the middle of
 * it: the client's transport fails after the request went out, the failure a dying front end or
 * a proxy restart gives. Configured as the gateway's cluster {@code broken}.
 */
public class BrokenCluster implements QuarkusTestResourceLifecycleManager {

    private ServerSocket server;

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::answerHalfway, "broken-cluster");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("gateway.clusters.broken.url", "http://127.0.0.1:" + server.getLocalPort(),
                "gateway.clusters.broken.system", "broken", "gateway.clusters.broken.timeout", "3s",
                "gateway.clusters.broken.placement", "false");
    }

    private void answerHalfway() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.getInputStream().read(new byte[16 * 1024]);
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n"
                        + "{\"systems\": [{\"name\": \"bro").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closed) {
                // the server was stopped, or the client gave up first
            }
        }
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
