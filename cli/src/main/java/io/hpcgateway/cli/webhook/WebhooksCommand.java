package io.hpcgateway.cli.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.Session;
import io.hpcgateway.cli.http.Gateway;
import io.hpcgateway.cli.http.Query;
import io.hpcgateway.cli.output.Table;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lifecycle callbacks: receivers of the user's job events, and their delivery log. */
@Command(name = "webhooks", mixinStandardHelpOptions = true,
        description = "Receivers of your job events (signed as Standard Webhooks), and their deliveries.",
        subcommands = {WebhooksCommand.Add.class, WebhooksCommand.Listing.class, WebhooksCommand.Remove.class,
                WebhooksCommand.Deliveries.class, WebhooksCommand.Redeliver.class, WebhooksCommand.Rotate.class},
        footerHeading = "%nExamples:%n", footer = {"  hpcgw webhooks add https://example.org/hooks --event job.completed",
                "  hpcgw webhooks deliveries HOOK"})
public final class WebhooksCommand {

    static final Table WEBHOOKS = Table.of("WEBHOOK", "/id", "URL", "/url", "JOB", "/jobId", "FAILURES", "/failures",
            "RETRY AT", "/retryAt", "LAST ERROR", "/lastError");

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Register a receiver; its signing secret is shown this once.",
            footerHeading = "%nExamples:%n", footer = {"  hpcgw webhooks add https://example.org/hooks",
                    "  hpcgw webhooks add https://example.org/hooks --event job.completed --event job.failed"})
    static final class Add implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "URL", description = "Where to deliver (https://)")
        String url;

        @Option(names = "--event", paramLabel = "TYPE", description = "An event type to deliver (job.submitted, "
                + "job.queued, job.started, job.completed, job.failed, job.cancelled, job.timeout, job.suspended, "
                + "job.resumed, job.charged, task.batch.finished); all when none is given")
        List<String> events = List.of();

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            ObjectNode body = Gateway.JSON.createObjectNode().put("url", url);
            events.forEach(body.putArray("events")::add);
            var webhook = session.gateway().post("/api/v2/webhooks", body);
            session.output().done(webhook, "Webhook " + webhook.path("id").asText() + " registered; its secret (shown "
                    + "once, for verifying signatures): " + webhook.path("secret").asText());
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Your webhooks and jobs' callbacks.",
            footerHeading = "%nExamples:%n", footer = {"  hpcgw webhooks list", "  hpcgw webhooks list -o json"})
    static final class Listing implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            session.output().print(session.gateway().get("/api/v2/webhooks"), WEBHOOKS);
            return ExitCodes.OK;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Stop deliveries to a webhook.",
            footerHeading = "%nExamples:%n", footer = "  hpcgw webhooks rm HOOK")
    static final class Remove implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "HOOK", description = "The webhook's id")
        String id;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            session.gateway().send("DELETE", "/api/v2/webhooks/" + Query.segment(id), null);
            session.output().done(Gateway.JSON.createObjectNode().put("id", id), "Webhook " + id + " removed");
            return ExitCodes.OK;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "A new signing secret, shown this once; the old one signs beside it for a day.",
            footerHeading = "%nExamples:%n", footer = "  hpcgw webhooks rotate HOOK")
    static final class Rotate implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "HOOK", description = "The webhook's id")
        String id;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            var webhook = session.gateway().post("/api/v2/webhooks/" + Query.segment(id) + "/rotate-secret",
                    Gateway.JSON.createObjectNode());
            session.output().done(webhook, "Webhook " + id + " signs with its new secret (shown once): "
                    + webhook.path("secret").asText() + "; the old one also signs until "
                    + webhook.path("previousSecretUntil").asText());
            return ExitCodes.OK;
        }
    }

    @Command(name = "deliveries", mixinStandardHelpOptions = true,
            description = "A webhook's delivery attempts, newest first.",
            footerHeading = "%nExamples:%n", footer = {"  hpcgw webhooks deliveries HOOK",
                    "  hpcgw webhooks deliveries HOOK --limit 500 -o json"})
    static final class Deliveries implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "HOOK", description = "The webhook's id")
        String id;

        @Option(names = "--limit", paramLabel = "N", description = "At most this many (100; up to 500)")
        Integer limit;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            String path = "/api/v2/webhooks/" + Query.segment(id) + "/deliveries"
                    + (limit == null ? "" : "?limit=" + limit);
            session.output().print(session.gateway().get(path), Table.of("DELIVERY", "/id", "EVENT", "/eventId",
                    "TYPE", "/type", "ATTEMPT", "/attempt", "AT", "/at", "STATUS", "/status", "DELIVERED", "/delivered",
                    "ERROR", "/error"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "redeliver", mixinStandardHelpOptions = true, description = "Send one delivery's event again, now.",
            footerHeading = "%nExamples:%n", footer = "  hpcgw webhooks redeliver HOOK DELIVERY")
    static final class Redeliver implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "HOOK", description = "The webhook's id")
        String id;

        @Parameters(index = "1", paramLabel = "DELIVERY", description = "The delivery's id (hpcgw webhooks deliveries)")
        String delivery;

        @Override
        public Integer call() {
            Session session = Session.of(spec);
            var attempt = session.gateway().post("/api/v2/webhooks/" + Query.segment(id) + "/deliveries/"
                    + Query.segment(delivery) + "/redeliver", Gateway.JSON.createObjectNode());
            session.output().done(attempt, (attempt.path("delivered").asBoolean() ? "Delivered" : "Not delivered: "
                    + attempt.path("error").asText()) + " (event " + attempt.path("eventId").asText() + ")");
            return ExitCodes.OK;
        }
    }
}
