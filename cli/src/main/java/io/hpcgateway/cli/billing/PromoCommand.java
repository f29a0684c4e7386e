package io.hpcgateway.cli.billing;

import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import io.hpcgateway.cli.http.Gateway;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Redeems a promotional code for the caller's account. */
@Command(name = "promo", mixinStandardHelpOptions = true, description = "Redeem a promotional code.",
        footerHeading = "%nExamples:%n", footer = "  hpcgw promo WELCOME10")
public final class PromoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CODE", description = "The code")
    String code;

    @Override
    public Integer call() {
        Session session = Session.of(spec);
        var redeemed = session.gateway().post("/api/v2/billing/promo-code", Gateway.JSON.createObjectNode().put("code", code));
        session.output().done(redeemed, "Redeemed " + redeemed.path("code").asText() + ": "
                + redeemed.path("discountBps").asInt() / 100.0 + " % off");
        return ExitCodes.OK;
    }
}
