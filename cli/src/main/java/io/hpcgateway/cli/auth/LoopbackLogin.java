package io.hpcgateway.cli.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The browser half of the authorization code grant with PKCE (RFC 7636, RFC 8252): a one-shot
 * HTTP server on a free loopback port receives the code; {@code state} ties the answer to this
 * request and the verifier never leaves this process.
 */
final class LoopbackLogin {

    /** What the token endpoint needs for the exchange. */
    record Code(String code, String redirectUri, String verifier) {}

    private static final long WAIT_MINUTES = 5;

    private LoopbackLogin() {}

    static Code authorize(String authorizationEndpoint, String clientId, PrintStream prompt) {
        Pkce pkce = Pkce.create();
        String state = Pkce.random(16);
        CompletableFuture<Map<String, String>> answer = new CompletableFuture<>();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new CliException(ExitCodes.AUTH, "Cannot listen on a loopback port for the login: " + e.getMessage());
        }
        server.createContext("/callback", exchange -> respond(exchange, answer));
        server.start();
        try {
            String redirectUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
            String url = authorizationEndpoint + "?response_type=code&scope=openid&client_id=" + encode(clientId)
                    + "&redirect_uri=" + encode(redirectUri) + "&state=" + state + "&code_challenge="
                    + pkce.challenge() + "&code_challenge_method=S256";
            prompt.println("To log in, open this address in a browser on this machine:");
            prompt.println(url);
            prompt.flush();
            Map<String, String> query = answer.get(WAIT_MINUTES, TimeUnit.MINUTES);
            if (!state.equals(query.get("state"))) {
                throw new CliException(ExitCodes.AUTH, "The login answer does not belong to this login (state differs)");
            }
            if (query.containsKey("error")) {
                throw new CliException(ExitCodes.AUTH, "The identity provider refused the login: "
                        + query.getOrDefault("error_description", query.get("error")));
            }
            return new Code(query.get("code"), redirectUri, pkce.verifier());
        } catch (TimeoutException e) {
            throw new CliException(ExitCodes.AUTH, "No login within " + WAIT_MINUTES + " minutes");
        } catch (ExecutionException e) {
            throw new CliException(ExitCodes.AUTH, "The login answer was unreadable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(130, "Interrupted");
        } finally {
            server.stop(0);
        }
    }

    private static void respond(HttpExchange exchange, CompletableFuture<Map<String, String>> answer) throws IOException {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        byte[] page = ("<!doctype html><title>hpcgw</title><p>" + (query.containsKey("code")
                ? "You are logged in: return to the terminal." : "The login did not succeed: see the terminal.")
                + "</p>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, page.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
        }
        answer.complete(query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
