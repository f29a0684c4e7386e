package io.hpcgateway.cli;

import io.hpcgateway.cli.auth.Credentials;
import io.hpcgateway.cli.auth.Oidc;
import io.hpcgateway.cli.auth.TokenStore;
import io.hpcgateway.cli.config.CliConfig;
import io.hpcgateway.cli.http.Gateway;
import io.hpcgateway.cli.http.Tls;
import io.hpcgateway.cli.output.Output;
import java.io.PrintStream;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What every command works with: the settings (options, environment, file), the output, the
 * cached credentials and the gateway client, built from the command line being run.
 */
public final class Session {

    private final CliConfig config;
    private final Map<CliConfig.Key, String> options;
    private final String gatewayUrl;
    private final SSLContext tls;
    private Output output;
    private Gateway gateway;

    private Session(CliConfig config, Map<CliConfig.Key, String> options) {
        this.config = config;
        this.options = options;
        this.gatewayUrl = config.get(CliConfig.Key.GATEWAY, options.get(CliConfig.Key.GATEWAY)).orElseThrow()
                .replaceAll("/+$", "");
        if (!gatewayUrl.startsWith("http://") && !gatewayUrl.startsWith("https://")) {
            throw new CliException(ExitCodes.USAGE, "The gateway address must start with https:// (or http://), not '"
                    + gatewayUrl + "'");
        }
        this.tls = Tls.trusting(config.get(CliConfig.Key.CA_FILE, options.get(CliConfig.Key.CA_FILE)).orElse(null));
    }

    /** The session of the command {@code spec} is running, with the options given anywhere on its line. */
    public static Session of(CommandSpec spec) {
        Map<CliConfig.Key, String> options = new EnumMap<>(CliConfig.Key.class);
        options.put(CliConfig.Key.GATEWAY, option(spec, "--gateway"));
        options.put(CliConfig.Key.OUTPUT, option(spec, "--output"));
        options.put(CliConfig.Key.CA_FILE, option(spec, "--ca-file"));
        return new Session(CliConfig.load(System.getenv()), options);
    }

    /** An inherited option's value: on whichever command of the line it was given. */
    private static String option(CommandSpec spec, String name) {
        for (CommandSpec command = spec; command != null; command = command.parent()) {
            OptionSpec option = command.findOption(name);
            if (option != null && option.getValue() != null) {
                return option.getValue();
            }
        }
        return null;
    }

    public CliConfig config() {
        return config;
    }

    public Map<CliConfig.Key, String> options() {
        return options;
    }

    public String gatewayUrl() {
        return gatewayUrl;
    }

    public Output output() {
        if (output == null) {
            output = new Output(config.get(CliConfig.Key.OUTPUT, options.get(CliConfig.Key.OUTPUT)).orElseThrow(),
                    System.out);
        }
        return output;
    }

    public PrintStream err() {
        return System.err;
    }

    public SSLContext tls() {
        return tls;
    }

    public Oidc oidc(String issuerOption, String clientIdOption) {
        return new Oidc(config.get(CliConfig.Key.ISSUER, issuerOption).orElse(null),
                config.get(CliConfig.Key.CLIENT_ID, clientIdOption).orElseThrow(), tls);
    }

    public Credentials credentials() {
        return new Credentials(new TokenStore(CliConfig.directory(config.environment())), gatewayUrl,
                config.environment("HPCGW_TOKEN"), oidc(null, null));
    }

    /** The gateway, every call with the caller's (renewed when due) token. */
    public Gateway gateway() {
        if (gateway == null) {
            Credentials credentials = credentials();
            gateway = new Gateway(URI.create(gatewayUrl), tls, credentials::bearer);
        }
        return gateway;
    }
}
