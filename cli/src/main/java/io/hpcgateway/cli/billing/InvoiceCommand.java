package io.hpcgateway.cli.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import io.hpcgateway.cli.http.Query;
import io.hpcgateway.cli.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A month's invoice. */
@Command(name = "invoice", mixinStandardHelpOptions = true,
        description = "Your invoice for a month: every job charged in it and the total.",
        footerHeading = "%nExamples:%n", footer = {"  hpcgw invoice 2026-11", "  hpcgw invoice 2026-11 --customer SUBJECT   # admins"})
public final class InvoiceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "YYYY-MM", description = "The month")
    String period;

    @Option(names = "--customer", paramLabel = "SUBJECT", description = "Another customer's invoice (admins)")
    String customer;

    @Override
    public Integer call() {
        if (!period.matches("\\d{4}-(0[1-9]|1[0-2])")) {
            throw new CliException(ExitCodes.USAGE, "The month is YYYY-MM, such as 2026-11");
        }
        Session session = Session.of(spec);
        JsonNode invoice = session.gateway().get("/api/v2/billing/invoices/" + period + Query.of("customer", customer));
        if (!session.output().isTable()) {
            session.output().print(invoice, null);
            return ExitCodes.OK;
        }
        session.output().print(invoice.path("jobs"), Table.of("JOB", "/jobId", "CLUSTER", "/cluster", "FINISHED", "/finishedAt",
                "TOTAL", "/total", "REFUNDED", "/refunded", "DUE", "/amountDue"));
        session.output().out().println("total " + invoice.path("total").asLong() + ", refunded "
                + invoice.path("refunded").asLong() + ", due " + invoice.path("amountDue").asLong() + " "
                + invoice.path("currency").asText());
        return ExitCodes.OK;
    }
}
