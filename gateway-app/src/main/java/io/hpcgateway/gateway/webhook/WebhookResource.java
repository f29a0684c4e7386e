package io.hpcgateway.gateway.webhook;

import io.hpcgateway.gateway.identity.Users;
import io.hpcgateway.gateway.platform.QueryParams;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** A user's webhooks: seed 001's lifecycle callbacks, signed, delivered at least once and in order. */
@Path("/api/v2/webhooks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks", description = "Lifecycle callbacks: job events pushed to the user's receivers")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
public class WebhookResource {

    private static final int MAX_PAGE = 500;

    private final Webhooks webhooks;
    private final Deliveries deliveries;
    private final Users users;
    private final SecurityIdentity identity;

    WebhookResource(Webhooks webhooks, Deliveries deliveries, Users users, SecurityIdentity identity) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.users = users;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerWebhook", summary = "Register a receiver of the caller's job events",
            description = "Deliveries are Standard Webhooks: POST {type, timestamp, data} with webhook-id (the "
                    + "event's stable id), webhook-timestamp and webhook-signature (v1, HMAC-SHA256 with the secret "
                    + "in this answer, shown once). Events stored from now on are delivered, in order, retried with "
                    + "back-off until the receiver answers 2xx.")
    @APIResponse(responseCode = "201", description = "Registered; the answer carries the secret, once",
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "Not an https URL, a host that resolves to a private or "
            + "loopback address, or an unknown event type")
    @APIResponse(responseCode = "409", description = "The caller has as many webhooks as allowed")
    public Response register(WebhookView.Request request) {
        WebhookView webhook = webhooks.register(owner(), request);
        return Response.created(URI.create("/api/v2/webhooks/" + webhook.id())).entity(webhook).build();
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "The caller's webhooks and job callbacks, newest first")
    public List<WebhookView> list() {
        return webhooks.list(owner());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getWebhook", summary = "One webhook: where its deliveries stand")
    @APIResponse(responseCode = "404", description = "No such webhook of the caller's")
    public WebhookView get(@RestPath String id) {
        return WebhookView.of(webhooks.owned(owner(), id), false);
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Operation(operationId = "rotateWebhookSecret", summary = "A new signing secret, shown once",
            description = "Deliveries carry both signatures (space-separated in webhook-signature, as Standard "
                    + "Webhooks allows) until gateway.webhooks.secret-overlap has passed, so the receiver can switch "
                    + "without missing one.")
    @APIResponse(responseCode = "200", description = "Rotated; the answer carries the new secret, once",
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "No such webhook of the caller's")
    public WebhookView rotate(@RestPath String id) {
        return webhooks.rotate(owner(), id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Stop deliveries to this receiver")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such webhook of the caller's")
    public Response delete(@RestPath String id) {
        webhooks.delete(owner(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The webhook's delivery attempts, newest first",
            description = "Page back with before=<the last attempt's at>.")
    @APIResponse(responseCode = "400", description = "A bad before or limit")
    @APIResponse(responseCode = "404", description = "No such webhook of the caller's")
    public List<WebhookView.Delivery> deliveries(@RestPath String id, @RestQuery String before,
                                                 @RestQuery String limit) {
        Webhook webhook = webhooks.owned(owner(), id);
        return deliveries.of(webhook, QueryParams.instant("before", before),
                QueryParams.integer("limit", limit, 100, 1, MAX_PAGE)).stream().map(WebhookView.Delivery::of).toList();
    }

    @POST
    @Path("/{id}/deliveries/{delivery}/redeliver")
    @Operation(operationId = "redeliverWebhookEvent", summary = "Send the event of one attempt again, now",
            description = "The same event id: a receiver that stored it already drops it.")
    @APIResponse(responseCode = "200", description = "The new attempt", content = @Content(schema =
            @Schema(implementation = WebhookView.Delivery.class)))
    @APIResponse(responseCode = "404", description = "No such webhook or delivery of the caller's")
    @APIResponse(responseCode = "410", description = "The event is no longer in the log")
    public WebhookView.Delivery redeliver(@RestPath String id, @RestPath String delivery) throws InterruptedException {
        return WebhookView.Delivery.of(deliveries.redeliver(webhooks.owned(owner(), id), delivery));
    }

    private String owner() {
        return users.current(identity).subject;
    }
}
