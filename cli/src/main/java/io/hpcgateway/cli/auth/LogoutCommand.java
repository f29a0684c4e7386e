package io.hpcgateway.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Forgets the cached session, and revokes its refresh token at the identity provider when it can. */
@Command(name = "logout", mixinStandardHelpOptions = true, description = "Forget this gateway's cached session.",
        footerHeading = "%nExamples:%n", footer = "  hpcgw logout")
public final class LogoutCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Session session = Session.of(spec);
        Credentials credentials = session.credentials();
        JsonNode cached = credentials.session();
        if (cached != null && "oidc".equals(cached.path("kind").asText())) {
            try {
                new Oidc(cached.path("issuer").asText(null), cached.path("client_id").asText(), session.tls())
                        .logout(cached);
            } catch (CliException e) {
                session.err().println("hpcgw: the identity provider was not told (" + e.getMessage()
                        + "); the session is forgotten here");
            }
        }
        boolean had = credentials.forget();
        session.output().done(null, had ? "Logged out of " + session.gatewayUrl() : "Not logged in to "
                + session.gatewayUrl());
        return ExitCodes.OK;
    }
}
