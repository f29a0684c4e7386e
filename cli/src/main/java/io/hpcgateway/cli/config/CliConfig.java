package io.hpcgateway.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the command line's settings come from, first match wins: the command's option, the
 * environment ({@code HPCGW_GATEWAY}...), the TOML file ({@code $HPCGW_CONFIG}, else
 * {@code $XDG_CONFIG_HOME/hpcgw/config.toml}, else {@code ~/.config/hpcgw/config.toml}), the default.
 *
 * <pre>
 * gateway = "https://gateway.example.org:8443"
 * issuer = "https://login.example.org/realms/hpc"
 * client-id = "hpc-cli"
 * output = "table"
 * ca-file = "/etc/hpcgw/site-ca.pem"
 * </pre>
 */
public final class CliConfig {

    /** A setting: its file key, its environment variable, its default (null: none). */
    public enum Key {
        GATEWAY("gateway", "HPCGW_GATEWAY", "http://127.0.0.1:8080"),
        ISSUER("issuer", "HPCGW_ISSUER", null),
        CLIENT_ID("client-id", "HPCGW_CLIENT_ID", "hpc-cli"),
        OUTPUT("output", "HPCGW_OUTPUT", "table"),
        CA_FILE("ca-file", "HPCGW_CA_FILE", null),
        DEV_KEY_DIR("dev-key-dir", "HPCGW_DEV_KEY_DIR", null);

        final String fileKey;
        final String variable;
        final String defaultValue;

        Key(String fileKey, String variable, String defaultValue) {
            this.fileKey = fileKey;
            this.variable = variable;
            this.defaultValue = defaultValue;
        }
    }

    private final Map<String, String> environment;
    private final Path file;
    private final JsonNode values;

    private CliConfig(Map<String, String> environment, Path file, JsonNode values) {
        this.environment = environment;
        this.file = file;
        this.values = values;
    }

    public static CliConfig load(Map<String, String> environment) {
        Path file = configFile(environment);
        if (!Files.isRegularFile(file)) {
            return new CliConfig(environment, file, null);
        }
        try {
            return new CliConfig(environment, file, new TomlMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "Cannot read the configuration " + file + ": "
                    + e.getMessage().lines().findFirst().orElse("unreadable"));
        }
    }

    /** The directory of the configuration and the cached tokens. */
    public static Path directory(Map<String, String> environment) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home(environment), ".config");
        return base.resolve("hpcgw");
    }

    /** Where resumable transfers remember how far they got. */
    public static Path cacheDirectory(Map<String, String> environment) {
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home(environment), ".cache");
        return base.resolve("hpcgw");
    }

    private static Path configFile(Map<String, String> environment) {
        String explicit = environment.get("HPCGW_CONFIG");
        return explicit != null && !explicit.isBlank() ? Path.of(explicit) : directory(environment).resolve("config.toml");
    }

    static String home(Map<String, String> environment) {
        return environment.getOrDefault("HOME", System.getProperty("user.home"));
    }

    /** The value from the option when given, else from the environment, the file, the default. */
    public Optional<String> get(Key key, String option) {
        if (option != null && !option.isBlank()) {
            return Optional.of(option);
        }
        String variable = environment.get(key.variable);
        if (variable != null && !variable.isBlank()) {
            return Optional.of(variable);
        }
        if (values != null && values.hasNonNull(key.fileKey)) {
            return Optional.of(values.get(key.fileKey).asText());
        }
        return Optional.ofNullable(key.defaultValue);
    }

    public String environment(String name) {
        return environment.get(name);
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** Every setting with its effective value and where it came from, for {@code hpcgw config}. */
    public Map<String, Map<String, String>> describe(Map<Key, String> options) {
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        for (Key key : Key.values()) {
            String option = options.get(key);
            String source = option != null && !option.isBlank() ? "option"
                    : environment.get(key.variable) != null && !environment.get(key.variable).isBlank() ? key.variable
                    : values != null && values.hasNonNull(key.fileKey) ? file.toString() : "default";
            Map<String, String> line = new LinkedHashMap<>();
            line.put("setting", key.fileKey);
            line.put("value", get(key, option).orElse(""));
            line.put("from", source);
            settings.put(key.fileKey, line);
        }
        return settings;
    }
}
