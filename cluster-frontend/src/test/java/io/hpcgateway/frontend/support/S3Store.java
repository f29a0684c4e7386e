package io.hpcgateway.frontend.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * A real S3 server for the staging tests: s3proxy (jclouds' filesystem store behind the S3 API),
 * the runnable jar Maven copies to target/s3proxy/. One process serves every profile of the test
 * run, with keys made for the run; it stops with the JVM.
 */
public class S3Store implements QuarkusTestResourceLifecycleManager {

    private static Map<String, String> settings;

    @Override
    public Map<String, String> start() {
        return shared();
    }

    @Override
    public void stop() {
        // Shared by every profile; the shutdown hook stops it.
    }

    public static synchronized Map<String, String> shared() {
        if (settings == null) {
            settings = launch();
        }
        return settings;
    }

    private static Map<String, String> launch() {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path base = Files.createDirectories(Path.of("target/s3-store").toAbsolutePath());
            Path data = Files.createTempDirectory(base, "data-");
            SecureRandom random = new SecureRandom();
            String accessKey = "test" + HexFormat.of().formatHex(random.generateSeed(6));
            String secretKey = HexFormat.of().formatHex(random.generateSeed(20));
            String endpoint = "http://127.0.0.1:" + port;
            Path properties = data.resolveSibling(data.getFileName() + ".properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + data) + "\n");
            Path jar = Path.of("target/s3proxy/s3proxy.jar").toAbsolutePath();
            Process process = new ProcessBuilder("java", "-jar", jar.toString(), "--properties", properties.toString())
                    .redirectErrorStream(true).redirectOutput(base.resolve("s3proxy.log").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            Poll.until(Duration.ofSeconds(60), "s3proxy to listen on " + endpoint + " (log: " + base.resolve("s3proxy.log")
                    + ")", () -> listening(port, process), up -> up);
            return Map.of("frontend.staging.endpoint", endpoint,
                    "frontend.staging.access-key", accessKey,
                    "frontend.staging.secret-key", secretKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean listening(int port, Process process) {
        if (!process.isAlive()) {
            throw new IllegalStateException("s3proxy exited with " + process.exitValue() + "; see target/s3-store/s3proxy.log");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}
