package io.hpcgateway.gateway.ui;

import io.hpcgateway.gateway.platform.GatewayConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The web UI's routes (web-ui/, served from META-INF/resources): {@code /ui} sends browsers to
 * {@code /}, where the page is. Assets have
 * content-hashed names, so browsers keep them for good; the page itself is never cached (every
 * answer's no-store) and may run only this origin's scripts and talk only to this gateway and the
 * identity provider it logs in with.
 */
@ApplicationScoped
class UiRoutes {

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final String policy;

    UiRoutes(GatewayConfig config, @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> serverUrl) {
        String provider = UiConfigResource.authority(config, serverUrl).map(url -> " " + origin(url)).orElse("");
        this.policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'" + provider + "; frame-src 'self'" + provider + "; frame-ancestors 'none'; "
                + "base-uri 'self'; form-action 'self'; object-src 'none'";
    }

    void install(@Observes Router router) {
        router.get("/assets/*").order(-100).handler(context -> {
            context.addHeadersEndHandler(v -> context.response().headers().set(HttpHeaders.CACHE_CONTROL, IMMUTABLE));
            context.next();
        });
        router.get("/ui").order(-100).handler(context -> context.redirect("/"));
        router.get("/").order(-100).handler(this::page);
        router.get("/index.html").order(-100).handler(this::page);
    }

    private void page(RoutingContext context) {
        context.addHeadersEndHandler(v -> context.response().headers().set("Content-Security-Policy", policy)
                .set("X-Frame-Options", "DENY").set("Referrer-Policy", "no-referrer"));
        context.next();
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
