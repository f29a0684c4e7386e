package io.hpcgateway.frontend.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fresh user roots (and a data folder) for a per-user profile, under /tmp so that every account
 * can reach them wherever the checkout lies. The root is world-writable with the sticky bit, like
 * a site's scratch space: each user creates their own folder in it, as themselves.
 */
public class PerUserRoots implements QuarkusTestResourceLifecycleManager {

    public static final Path BASE = Path.of("/tmp/hpcgw-frontend-tests");
    private String mode;

    @Override
    public void init(Map<String, String> args) {
        this.mode = args.getOrDefault("mode", "default");
    }

    @Override
    public Map<String, String> start() {
        Path base = BASE.resolve(mode);
        Path home = base.resolve("home");
        try {
            delete(base);
            Files.createDirectories(home);
            Files.setPosixFilePermissions(BASE, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            // The sticky bit (others may not remove what a user made) is beyond Java's permission API.
            Process chmod = new ProcessBuilder("chmod", "1777", home.toString()).inheritIO().start();
            if (chmod.waitFor() != 0) {
                throw new IllegalStateException("chmod 1777 " + home + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Map.of("frontend.roots", home.toString(), "frontend.data-dir", base.resolve("data").toString());
    }

    @Override
    public void stop() {
        // Left in place for a look after a failure; the next run starts from nothing.
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
