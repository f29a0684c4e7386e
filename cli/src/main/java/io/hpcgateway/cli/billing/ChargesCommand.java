package io.hpcgateway.cli.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import io.hpcgateway.cli.http.Query;
import io.hpcgateway.cli.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A job's itemised charge. */
@Command(name = "charges", mixinStandardHelpOptions = true,
        description = "A job's itemised charge: lines, discounts, total, platform fee (estimated until final).",
        footerHeading = "%nExamples:%n", footer = {"  hpcgw charges JOB", "  hpcgw charges JOB -o json | jq .invoice.total"})
public final class ChargesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB", description = "The job's id")
    String job;

    @Override
    public Integer call() {
        Session session = Session.of(spec);
        JsonNode charge = session.gateway().get("/api/v2/jobs/" + Query.segment(job) + "/charges");
        if (!session.output().isTable()) {
            session.output().print(charge, null);
            return ExitCodes.OK;
        }
        JsonNode invoice = charge.path("invoice");
        session.output().print(invoice.path("lines"), Table.of("RESOURCE", "/resource", "QUANTITY", "/quantity",
                "UNIT", "/unit", "RATE", "/rate", "AMOUNT", "/amount"));
        var out = session.output().out();
        out.println("status " + charge.path("status").asText() + ", subtotal " + invoice.path("subtotal").asLong()
                + ", discounts " + invoice.path("discountTotal").asLong() + ", total " + invoice.path("total").asLong()
                + " " + invoice.path("currency").asText() + " (platform fee " + charge.path("platformFee").asLong()
                + ", provider " + charge.path("providerShare").asLong() + ")");
        return ExitCodes.OK;
    }
}
