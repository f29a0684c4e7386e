package io.hpcgateway.frontend.filesystem;

import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.platform.FrontendConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Confines every path a user names to their own directories, {@code <root>/<user>} for each
 * configured root, lexically: after normalisation no {@code ..} or absolute path leads out, and
 * NUL bytes, paths over 4096 characters and names over 255 bytes are refused. All of these answer
 * 403 before any command runs. Symbolic links cannot be judged here (in the ssh mode the files
 * are on another machine): {@link PathGuard} checks them again where the command runs, as the user.
 */
@ApplicationScoped
public class UserPaths {

    private static final int MAX_PATH = 4096;
    private static final int MAX_NAME_BYTES = 255;

    /** A path that lies lexically in one of the user's directories, {@code home}. */
    public record Confined(Path path, Path home, String raw, String param) {
        @Override
        public String toString() {
            return path.toString();
        }
    }

    private final List<Path> roots;

    UserPaths(FrontendConfig config) {
        this.roots = config.roots().stream().map(root -> root.toAbsolutePath().normalize()).toList();
    }

    /** The user's default directory, {@code <first root>/<user>}: where relative paths start. */
    public Path homeOf(String user) {
        return roots.get(0).resolve(user);
    }

    public List<Path> roots() {
        return roots;
    }

    /** Resolves a user-supplied path (absolute, or relative to {@link #homeOf}) and confines it lexically. */
    public Confined confine(String user, String raw, String param) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.validation("query", param, "'" + param + "' is required");
        }
        Path path = lexical(homeOf(user), raw, param);
        Path home = roots.stream().map(r -> r.resolve(user)).filter(path::startsWith).findFirst()
                .orElseThrow(() -> ApiException.forbidden("'" + raw + "' is outside your directories ("
                        + String.join(", ", roots.stream().map(r -> r.resolve(user).toString()).toList()) + ")"));
        return new Confined(path, home, raw, param);
    }

    /** Whether the path is one of the user's top directories, which must never be removed. */
    public boolean isHome(String user, Path path) {
        return roots.stream().anyMatch(r -> r.resolve(user).equals(path));
    }

    /** The user whose directory holds this path, if any: how a job's owner is known from its working directory. */
    public Optional<String> ownerOf(String path) {
        if (path == null) {
            return Optional.empty();
        }
        Path candidate = Path.of(path).normalize();
        return roots.stream().filter(candidate::startsWith).filter(r -> candidate.getNameCount() > r.getNameCount())
                .map(r -> candidate.getName(r.getNameCount()).toString()).findFirst();
    }

    private static Path lexical(Path defaultHome, String raw, String param) {
        if (raw.indexOf('\0') >= 0) {
            throw ApiException.forbidden("'" + param + "' contains a NUL byte");
        }
        if (raw.length() > MAX_PATH) {
            throw ApiException.forbidden("'" + param + "' is longer than " + MAX_PATH + " characters");
        }
        Path path;
        try {
            path = Path.of(raw);
        } catch (InvalidPathException e) {
            throw ApiException.forbidden("'" + param + "' is not a valid path: " + e.getReason());
        }
        for (Path name : path) {
            if (name.toString().getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw ApiException.forbidden("'" + param + "' has a name longer than " + MAX_NAME_BYTES + " bytes");
            }
        }
        return (path.isAbsolute() ? path : defaultHome.resolve(path)).normalize();
    }
}
