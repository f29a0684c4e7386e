package io.hpcgateway.frontend.filesystem;

import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.platform.FrontendConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Confines every path a user names to their own directories, {@code <root>/<user>} for each
 * configured root. A path is checked twice: lexically after normalisation (no {@code ..} or
 * absolute path leads out) and physically, by resolving the symbolic links of its longest
 * existing prefix (no link leads out). Anything else answers 403 and touches nothing.
 *
 * <p>The check and the use are separate system calls, so a user able to swap a directory for a
 * link between the two could still race it; the front end runs under one service account and
 * only its users' own files are at stake.
 */
@ApplicationScoped
public class UserPaths {

    private static final int MAX_PATH = 4096;
    private static final int MAX_NAME_BYTES = 255;

    private final List<Path> roots;
    private final boolean createHomes;
    private final Set<String> homesCreated = ConcurrentHashMap.newKeySet();

    UserPaths(FrontendConfig config) {
        this.createHomes = config.createUserDirectories();
        this.roots = config.roots().stream().map(UserPaths::realRoot).toList();
    }

    /** The user's default directory: {@code <first root>/<user>}, created on first use if configured. */
    public Path home(String user) {
        Path home = roots.get(0).resolve(user);
        if (createHomes && homesCreated.add(user)) {
            try {
                Files.createDirectories(home);
            } catch (IOException e) {
                homesCreated.remove(user);
                throw new UncheckedIOException("Cannot create the user directory " + home, e);
            }
        }
        return home;
    }

    public List<Path> roots() {
        return roots;
    }

    /**
     * Resolves a user-supplied path (absolute, or relative to {@link #home}) and confines it.
     *
     * @param followLast whether the final component is followed if it is a symbolic link: true for
     *                   operations on content (read, list, write into), false for operations on the
     *                   name itself (rm, creating a link, stat without dereference)
     */
    public Path confine(String user, String raw, String param, boolean followLast) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.validation("query", param, "'" + param + "' is required");
        }
        Path defaultHome = home(user);
        Path path = lexical(defaultHome, raw, param);
        Path home = roots.stream().map(r -> r.resolve(user)).filter(path::startsWith).findFirst()
                .orElseThrow(() -> ApiException.forbidden("'" + raw + "' is outside your directories ("
                        + String.join(", ", roots.stream().map(r -> r.resolve(user).toString()).toList()) + ")"));
        Path probe = followLast || path.equals(home) ? path : path.getParent();
        Path existing = longestExistingPrefix(probe);
        // A prefix above the user's directory (which does not exist yet) is part of a real root: no link.
        if (!home.startsWith(existing) && !realPath(existing, raw).startsWith(realOrSelf(home))) {
            throw ApiException.forbidden("'" + raw + "' leads outside your directories through a symbolic link");
        }
        return path;
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

    private static Path longestExistingPrefix(Path path) {
        Path existing = path;
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        return existing;
    }

    /** The path with every link resolved; a dangling link on the way is refused. */
    private static Path realPath(Path existing, String raw) {
        try {
            return existing.toRealPath();
        } catch (IOException e) {
            throw ApiException.forbidden("'" + raw + "' goes through a symbolic link that points nowhere");
        }
    }

    private static Path realOrSelf(Path path) {
        try {
            return Files.exists(path) ? path.toRealPath() : path;
        } catch (IOException e) {
            return path;
        }
    }

    private static Path realRoot(Path root) {
        try {
            Files.createDirectories(root);
            return root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the user root " + root, e);
        }
    }
}
