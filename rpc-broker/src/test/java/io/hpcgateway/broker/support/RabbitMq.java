package io.hpcgateway.broker.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The local RabbitMQ 3.10 (deploy/local/rabbitmq-up.sh); CI brings it up and requires it. */
public final class RabbitMq {

    public static final int PORT = 5672;

    private RabbitMq() {}

    public static boolean isUp() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", PORT), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether tests over RabbitMQ run: always in CI (where its absence is an error), else when it is up. */
    public static boolean required() {
        if ("true".equals(System.getenv("CI")) && !isUp()) {
            throw new IllegalStateException("CI needs RabbitMQ on 127.0.0.1:5672: deploy/local/rabbitmq-up.sh brings it up");
        }
        return isUp();
    }
}
