package io.hpcgateway.cli.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import io.hpcgateway.cli.config.CliConfig;
import io.hpcgateway.cli.http.Gateway;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Logs in to a gateway and caches the session (owner-only), renewed on use until it cannot be. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Log in: the device authorization grant by default (a code to enter in any browser), "
                + "--browser for a browser on this machine (PKCE), --dev for the embedded default, "
                + "--with-token for a token on stdin.",
        footerHeading = "%nExamples:%n", footer = {
                "  hpcgw login --issuer https://login.example.org/realms/hpc",
                "  hpcgw login --browser",
                "  hpcgw login --dev alice --roles user,provider",
                "  deploy/local/dev-token.sh alice | hpcgw login --with-token"})
public final class LoginCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--issuer", paramLabel = "URL", description = "The OIDC issuer (HPCGW_ISSUER, 'issuer' in the configuration)")
    String issuer;

    @Option(names = "--client-id", paramLabel = "ID", description = "The public OIDC client (default hpc-cli)")
    String clientId;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--browser", description = "Authorization code with PKCE, answered on a loopback port")
        boolean browser;

        @Option(names = "--dev", paramLabel = "USER", description = "Sign a token for USER with the embedded default's dev key")
        String devUser;

        @Option(names = "--with-token", description = "Read a bearer token from stdin")
        boolean withToken;
    }

    @Option(names = "--roles", paramLabel = "ROLES", defaultValue = "user",
            description = "With --dev: comma-separated roles (user, provider, admin); default ${DEFAULT-VALUE}")
    String roles;

    @Option(names = "--dev-key-dir", paramLabel = "DIR",
            description = "With --dev: the key directory (HPCGW_DEV_KEY_DIR; default ~/.hpc-gateway/keys)")
    String devKeyDir;

    @Override
    public Integer call() {
        Session session = Session.of(spec);
        ObjectNode login;
        if (mode.devUser != null) {
            String dir = session.config().get(CliConfig.Key.DEV_KEY_DIR, devKeyDir).orElse(null);
            login = DevTokens.session(mode.devUser, roles, dir != null ? Path.of(dir)
                    : DevTokens.defaultKeyDirectory(System.getProperty("user.home")));
        } else if (mode.withToken) {
            login = pasted(readToken());
        } else {
            Oidc oidc = session.oidc(issuer, clientId);
            login = mode.browser ? oidc.browserLogin(session.err()) : oidc.deviceLogin(session.err());
        }
        Credentials credentials = session.credentials();
        credentials.store(login);
        // The gateway's own view of who this is, which also proves the token works there.
        var me = new Gateway(java.net.URI.create(session.gatewayUrl()), session.tls(),
                () -> login.path("access_token").asText()).get("/api/v2/me");
        session.output().done(me, "Logged in to " + session.gatewayUrl() + " as " + me.path("clusterUser").asText(
                me.path("subject").asText()));
        return ExitCodes.OK;
    }

    private static String readToken() {
        try {
            String token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (token == null || token.isBlank()) {
                throw new CliException(ExitCodes.USAGE, "--with-token reads the token from stdin: nothing came");
            }
            return token.strip();
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "Cannot read the token from stdin: " + e.getMessage());
        }
    }

    /** A pasted JWT's expiry from its payload (unverified: the gateway verifies it), so it is not sent once expired. */
    static ObjectNode pasted(String token) {
        ObjectNode session = Gateway.JSON.createObjectNode().put("kind", "token").put("access_token", token);
        String[] parts = token.split("\\.");
        if (parts.length == 3) {
            try {
                var claims = Gateway.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
                if (claims.has("exp")) {
                    session.put("expires_at", claims.get("exp").asLong());
                }
            } catch (IOException | IllegalArgumentException e) {
                // not a JWT we can read: the gateway decides
            }
        }
        if (session.path("expires_at").asLong(Long.MAX_VALUE) < Instant.now().getEpochSecond()) {
            throw new CliException(ExitCodes.AUTH, "That token has expired");
        }
        return session;
    }
}
