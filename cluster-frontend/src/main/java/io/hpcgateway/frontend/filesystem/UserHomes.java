package io.hpcgateway.frontend.filesystem;

import io.hpcgateway.frontend.identity.CommandRunner;
import io.hpcgateway.frontend.identity.IdentityMode;
import io.hpcgateway.frontend.identity.RunAs;
import io.hpcgateway.frontend.platform.FrontendConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Creates {@code <first root>/<user>} (mode 700) on a user's first request, as the user (like
 * pam_mkhomedir), so the folder carries their uid and gid. Where the root does not let users
 * create their folder (a site's /home), the site's own account tooling has made it, and the
 * attempt changes nothing.
 */
@Startup
@ApplicationScoped
public class UserHomes {

    private static final Logger LOG = Logger.getLogger(UserHomes.class);

    private final UserPaths paths;
    private final CommandRunner runner;
    private final boolean create;
    private final Set<String> done = ConcurrentHashMap.newKeySet();

    UserHomes(UserPaths paths, CommandRunner runner, FrontendConfig config) {
        this.paths = paths;
        this.runner = runner;
        this.create = config.createUserDirectories();
        // On this machine (every mode but ssh) the roots themselves are made if missing, as before.
        if (create && config.identity().mode() != IdentityMode.SSH) {
            paths.roots().forEach(UserHomes::createRoot);
        }
    }

    /** Makes sure the user's default directory exists, once per user and process. */
    public void ensure(String user) {
        if (!create || !done.add(user)) {
            return;
        }
        Path home = paths.homeOf(user);
        CommandRunner.Result result = runner.run(RunAs.user(user), List.of("mkdir", "-p", "-m", "700", "--", home.toString()), null,
                Map.of(), Duration.ofSeconds(15));
        if (!result.ok()) {
            LOG.debugf("%s could not create %s: %s", user, home, result.firstErrorLine());
        }
    }

    private static void createRoot(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the user root " + root, e);
        }
    }
}
