package io.hpcgateway.gateway.identity;

import jakarta.json.JsonString;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Recognises a token a client got for itself (client credentials) rather than for a person, as the
 * common identity providers mark it, and names the client: Keycloak ({@code client_id}, before
 * version 20 {@code clientId}), Auth0 ({@code gty=client-credentials}) and Microsoft Entra
 * ({@code idtyp=app}). Only claims the provider sets count: a user name such as Keycloak's
 * {@code service-account-<client>} is not evidence, since people may choose theirs.
 */
final class ServiceAccounts {

    private ServiceAccounts() {}

    static Optional<String> clientOf(JsonWebToken token) {
        for (String claim : new String[] {"client_id", "clientId"}) {
            String client = text(token, claim);
            if (client != null) {
                return Optional.of(client);
            }
        }
        String azp = text(token, "azp");
        if (!"client-credentials".equals(text(token, "gty")) && !"app".equals(text(token, "idtyp"))) {
            return Optional.empty();
        }
        String client = azp != null ? azp : text(token, "appid");
        return Optional.of(client != null ? client : "(unnamed client)");
    }

    /** A claim's text (quarkus-oidc gives nested values as JSON-P), or null when absent or blank. */
    static String text(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        if (value == null) {
            return null;
        }
        String text = value instanceof JsonString json ? json.getString() : String.valueOf(value);
        return text.isBlank() ? null : text;
    }
}
