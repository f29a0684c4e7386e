package io.hpcgateway.gateway.ui;

import io.hpcgateway.gateway.platform.GatewayConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the web UI must know before anyone logs in: how to log in. Public, as a login page is;
 * it holds nothing secret (a public client's id and the provider's address).
 */
@Path("/api/v2/ui/config")
@PermitAll
@Tag(name = "ui")
public class UiConfigResource {

    /** The browser's OIDC settings: authorization code with PKCE against {@code authority}. */
    public record Oidc(String authority, String clientId, String scope) {}

    /** {@code authMode} dev logs in with dev tokens (the development login when {@code devLogin}); oidc at the provider. */
    @Schema(name = "UiConfig")
    public record UiConfig(String applicationName, String authMode, boolean devLogin, Oidc oidc) {}

    private final UiConfig answer;

    UiConfigResource(GatewayConfig config,
                     @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> serverUrl) {
        boolean oidc = config.auth().mode() == GatewayConfig.Auth.Mode.OIDC;
        GatewayConfig.Ui ui = config.ui();
        this.answer = new UiConfig(config.marketplace().applicationName(), oidc ? "oidc" : "dev",
                !oidc && config.auth().devLogin(), oidc ? new Oidc(authority(config, serverUrl).orElse(null), ui.oidcClientId(), ui.oidcScope()) : null);
    }

    /** In oidc mode, the provider the browser logs in at: {@code gateway.ui.oidc-authority}, else the gateway's own. */
    static Optional<String> authority(GatewayConfig config, Optional<String> serverUrl) {
        return config.auth().mode() == GatewayConfig.Auth.Mode.OIDC ? config.ui().oidcAuthority().or(() -> serverUrl)
                : Optional.empty();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getUiConfig", summary = "How the web UI logs in (public)")
    public UiConfig config() {
        return answer;
    }
}
