package io.hpcgateway.gateway.support;

import java.nio.file.Path;

/**
 * The build's top directory, where the packaged modules are: the parent of the running module's
 * directory, unless a module further down (web-ui/e2e) names it with {@code -Dhpcgw.reactor-root}.
 */
public final class Reactor {

    private Reactor() {}

    public static Path path(String relative) {
        return Path.of(System.getProperty("hpcgw.reactor-root", "..")).resolve(relative);
    }
}
