package io.hpcgateway.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A real S3 server for a front end's staging: s3proxy over jclouds' filesystem store, the runnable
 * jar the front end's build copies to its target/s3proxy/, with keys made for the run.
 */
public final class S3Proxy {

    private static final Path JAR = Reactor.path("cluster-frontend/target/s3proxy/s3proxy.jar");

    public final String endpoint;
    public final String accessKey;
    public final String secretKey;
    private final Process process;

    private S3Proxy(String endpoint, String accessKey, String secretKey, Process process) {
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.process = process;
    }

    public static S3Proxy start(Path dir) {
        try {
            int port = FrontendProcess.freePort();
            Path data = Files.createDirectories(dir.resolve("data"));
            SecureRandom random = new SecureRandom();
            String accessKey = "gw" + HexFormat.of().formatHex(random.generateSeed(6));
            String secretKey = HexFormat.of().formatHex(random.generateSeed(20));
            String endpoint = "http://127.0.0.1:" + port;
            Path properties = dir.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n", "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey, "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + data) + "\n");
            Process process = new ProcessBuilder("java", "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(),
                    "--properties", properties.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                if (listening(port)) {
                    return new S3Proxy(endpoint, accessKey, secretKey, process);
                }
                Thread.sleep(100);
            }
            process.destroy();
            throw new IllegalStateException("s3proxy did not start; see " + dir.resolve("s3proxy.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void stop() {
        process.destroy();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}
