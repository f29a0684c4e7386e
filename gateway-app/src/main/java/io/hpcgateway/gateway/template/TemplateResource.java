package io.hpcgateway.gateway.template;

import io.hpcgateway.gateway.idempotency.Idempotent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.gateway.platform.ApiException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The workload template catalogue. Everyone signed in reads it; providers submit signed
 * manifests; admins approve, reject and revoke (seed 000's governance, without a chain); admins or
 * the publisher deprecate.
 */
@Path("/api/v2")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "templates")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
public class TemplateResource {

    /** An optional reason for a decision, recorded with it. */
    @Schema(name = "TemplateDecisionRequest")
    public record DecisionRequest(String reason) {}

    /** A template type of seed 000. */
    public record TemplateType(String type, String description) {}

    static final List<TemplateType> TYPES = List.of(new TemplateType("mpi", "MPI parallel workloads"),
            new TemplateType("gpu", "GPU compute workloads"), new TemplateType("batch", "Single-node batch processing"),
            new TemplateType("data_processing", "Data pipeline workloads"),
            new TemplateType("interactive", "Interactive sessions"), new TemplateType("custom", "User-defined workloads"));

    private final TemplateCatalog catalog;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    TemplateResource(TemplateCatalog catalog, SecurityIdentity identity, ObjectMapper json) {
        this.catalog = catalog;
        this.identity = identity;
        this.json = json;
    }

    @GET
    @Path("/templates")
    @Operation(operationId = "listTemplates", summary = "Template versions, optionally of one type, tag or status")
    public List<TemplateView> list(@RestQuery String type, @RestQuery String tag, @RestQuery String status) {
        return catalog.list(type, tag, status(status)).stream().map(record -> TemplateView.of(record, null)).toList();
    }

    @GET
    @Path("/templates/{ref}")
    @Operation(operationId = "getTemplate", summary = "One template: id (newest approved version) or id@version")
    @APIResponse(responseCode = "404", description = "No such template, or no approved version of it")
    public TemplateView get(@RestPath String ref) {
        TemplateRecord record = catalog.find(ref);
        return TemplateView.of(record, catalog.manifest(record));
    }

    @GET
    @Path("/template-types")
    @Operation(operationId = "listTemplateTypes", summary = "The template types")
    public List<TemplateType> types() {
        return TYPES;
    }

    @Idempotent
    @Extension(name = Idempotent.EXTENSION, value = "true")
    @POST
    @Path("/templates")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"provider", "admin"})
    @Operation(operationId = "submitTemplate", summary = "Submit a signed manifest; it waits for an admin's approval")
    @APIResponse(responseCode = "201", description = "Submitted (pending)")
    @APIResponse(responseCode = "403", description = "Only providers submit templates")
    @APIResponse(responseCode = "409", description = "This id@version exists")
    @APIResponse(responseCode = "422", description = "The signature does not hold, or a validation rule is broken; "
            + "details.violations lists every rule")
    public Response submit(TemplateManifest manifest) {
        TemplateRecord record = catalog.submit(subject(), manifest);
        return Response.status(201).entity(TemplateView.of(record, catalog.manifest(record))).build();
    }

    @POST
    @Path("/templates/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "verifyTemplate", summary = "Check a manifest's signature and every validation rule, "
            + "without storing it")
    public Map<String, Object> verify(TemplateManifest manifest) {
        if (manifest == null) {
            throw ApiException.badRequest("body", "The body must be a template manifest");
        }
        return catalog.verify(manifest);
    }

    @POST
    @Path("/templates/{ref}/approve")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("admin")
    @Operation(operationId = "approveTemplate", summary = "Approve a pending template version")
    @APIResponse(responseCode = "403", description = "Only admins decide")
    @APIResponse(responseCode = "409", description = "Not possible from its current status")
    @RequestBody(content = @Content(schema = @Schema(implementation = DecisionRequest.class)))
    public TemplateView approve(@RestPath String ref, String decision) {
        return decide(ref, TemplateStatus.APPROVED, decision);
    }

    @POST
    @Path("/templates/{ref}/reject")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("admin")
    @Operation(operationId = "rejectTemplate", summary = "Reject a pending template version")
    @APIResponse(responseCode = "403", description = "Only admins decide")
    @APIResponse(responseCode = "409", description = "Not possible from its current status")
    @RequestBody(content = @Content(schema = @Schema(implementation = DecisionRequest.class)))
    public TemplateView reject(@RestPath String ref, String decision) {
        return decide(ref, TemplateStatus.REJECTED, decision);
    }

    @POST
    @Path("/templates/{ref}/deprecate")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({"provider", "admin"})
    @Operation(operationId = "deprecateTemplate", summary = "No new jobs from this version; running ones continue")
    @APIResponse(responseCode = "403", description = "Only admins and the template's publisher deprecate")
    @APIResponse(responseCode = "409", description = "Not possible from its current status")
    @RequestBody(content = @Content(schema = @Schema(implementation = DecisionRequest.class)))
    public TemplateView deprecate(@RestPath String ref, String decision) {
        TemplateRecord record = catalog.find(ref);
        if (!identity.hasRole("admin") && !subject().equals(record.publisher)) {
            throw ApiException.forbidden("Only admins and the publisher of " + record.id + " may deprecate it");
        }
        return decide(record.id, TemplateStatus.DEPRECATED, decision);
    }

    @POST
    @Path("/templates/{ref}/revoke")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("admin")
    @Operation(operationId = "revokeTemplate", summary = "Disable at once; jobs running from it are cancelled")
    @APIResponse(responseCode = "403", description = "Only admins revoke")
    @APIResponse(responseCode = "409", description = "Already revoked")
    @RequestBody(content = @Content(schema = @Schema(implementation = DecisionRequest.class)))
    public TemplateView revoke(@RestPath String ref, String decision) {
        return decide(ref, TemplateStatus.REVOKED, decision);
    }

    /** The body is optional: nothing, or {@code {"reason": "..."}}. */
    private TemplateView decide(String ref, TemplateStatus to, String body) {
        TemplateRecord record = catalog.decide(ref, to, subject(), reason(body));
        return TemplateView.of(record, null);
    }

    private String reason(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, DecisionRequest.class).reason();
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("reason", "The body must be empty or {\"reason\": \"...\"}");
        }
    }

    private static TemplateStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return TemplateStatus.valueOf(status.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status", "'status' must be one of " + Arrays.toString(TemplateStatus.values()));
        }
    }

    /**
     * Who acts, by the token's subject: stable and unique, unlike a user name, which another account
     * at the identity provider may take later.
     */
    private String subject() {
        return ((JsonWebToken) identity.getPrincipal()).getSubject();
    }
}
