package io.hpcgateway.gateway.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.hpcgateway.gateway.platform.ApiException;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

/**
 * The template catalogue: built-ins shipped with the gateway (signed with its key, approved),
 * providers' submissions (verified, validated, pending), and the admin decisions that move them
 * through seed 000's lifecycle. Versions live side by side as {@code id@version}.
 */
@ApplicationScoped
public class TemplateCatalog {

    private static final Logger LOG = Logger.getLogger(TemplateCatalog.class);
    static final List<String> BUILT_INS = List.of("mpi-standard", "gpu-compute", "batch-standard", "data-processing",
            "interactive-session");
    private static final int DUPLICATE_KEY = 11000;
    static final String GATEWAY = "hpc-gateway";

    private final TemplateValidator validator;
    private final TemplateSigner signer;
    private final ProviderKeys providerKeys;
    private final ObjectMapper json;
    private final Event<TemplateRevoked> revocations;
    private final Event<TemplateDecided> decisions;

    TemplateCatalog(TemplateValidator validator, TemplateSigner signer, ProviderKeys providerKeys, ObjectMapper json,
                    Event<TemplateRevoked> revocations, Event<TemplateDecided> decisions) {
        this.validator = validator;
        this.providerKeys = providerKeys;
        this.signer = signer;
        this.json = json;
        this.revocations = revocations;
        this.decisions = decisions;
    }

    /** Ships the built-ins: signed by the gateway now, approved; a revoked one stays revoked. */
    void loadBuiltIns(@Observes @Priority(20) StartupEvent event) {
        for (String id : BUILT_INS) {
            TemplateManifest manifest = signer.signAsGateway(read("templates/" + id + ".json"));
            validator.require(manifest);
            TemplateRecord existing = TemplateRecord.findById(manifest.ref());
            if (existing == null) {
                insert(record(manifest, GATEWAY, TemplateStatus.APPROVED, true));
            } else if (existing.status != TemplateStatus.REVOKED) {
                existing.manifestJson = write(manifest);
                existing.publisherKey = manifest.signature().publicKey();
                existing.update();
            }
        }
        LOG.infof("Built-in templates ready: %s", BUILT_INS);
    }

    /** A provider's signed manifest: verified, validated, then pending an admin's decision. */
    public TemplateRecord submit(String publisher, TemplateManifest manifest) {
        if (manifest == null) {
            throw ApiException.badRequest("body", "The body must be a signed template manifest (seed 000's JSON)");
        }
        signer.verify(manifest).ifPresent(failure -> {
            throw new ApiException(422, "signature_invalid", failure + "; re-sign the manifest as it is now",
                    Map.of("field", "signature"));
        });
        providerKeys.requireRegistered(publisher, manifest.signature().publicKey());
        validator.require(manifest);
        TemplateRecord record = record(manifest, publisher, TemplateStatus.PENDING, false);
        try {
            insert(record);
        } catch (MongoWriteException e) {
            if (e.getError().getCode() == DUPLICATE_KEY) {
                throw ApiException.conflict("Template " + manifest.ref() + " exists; publish a new version",
                        Map.of("template", manifest.ref()));
            }
            throw e;
        }
        return record;
    }

    /**
     * Moves a template version ({@code id@version}, or the newest approved version of {@code id})
     * to {@code to}, if the lifecycle allows it from where it is.
     */
    public TemplateRecord decide(String ref, TemplateStatus to, String by, String reason) {
        TemplateRecord current = find(ref);
        String id = current.id;
        if (!current.status.canBecome(to)) {
            throw ApiException.conflict("Template " + id + " is " + current.status.wireName() + "; it cannot become "
                    + to.wireName(), Map.of("status", current.status));
        }
        Bson update = Updates.combine(Updates.set("status", to), Updates.set("updatedAt", Instant.now()),
                Updates.push("decisions", new TemplateRecord.Decision(to, by, reason, Instant.now())));
        TemplateRecord moved = TemplateRecord.<TemplateRecord>mongoCollection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), Filters.eq("status", current.status)), update,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (moved == null) {
            throw ApiException.conflict("Template " + id + " changed meanwhile; look at it again", Map.of());
        }
        decisions.fire(new TemplateDecided(id, to.wireName(), by, reason, moved.publisher));
        if (to == TemplateStatus.REVOKED) {
            revocations.fire(new TemplateRevoked(id, reason));
        }
        return moved;
    }

    /** {@code id@version} exactly, or the newest approved version of {@code id}. */
    public TemplateRecord find(String ref) {
        if (ref.contains("@")) {
            return exact(ref);
        }
        return TemplateRecord.<TemplateRecord>list("templateId = ?1 and status = ?2", ref, TemplateStatus.APPROVED)
                .stream().max(Comparator.comparing(r -> SemanticVersion.parse(r.version)))
                .orElseThrow(() -> new ApiException(404, "not_found", "Template '" + ref + "' has no approved version",
                        Map.of()));
    }

    public List<TemplateRecord> list(String type, String tag, TemplateStatus status) {
        List<Bson> filters = new ArrayList<>();
        Optional.ofNullable(type).ifPresent(t -> filters.add(Filters.eq("type", t)));
        Optional.ofNullable(tag).ifPresent(t -> filters.add(Filters.eq("tags", t)));
        Optional.ofNullable(status).ifPresent(s -> filters.add(Filters.eq("status", s)));
        List<TemplateRecord> found = TemplateRecord.<TemplateRecord>mongoCollection()
                .find(filters.isEmpty() ? Filters.empty() : Filters.and(filters)).into(new ArrayList<>());
        found.sort(Comparator.comparing((TemplateRecord r) -> r.templateId)
                .thenComparing(r -> SemanticVersion.parse(r.version)));
        return found;
    }

    /** The manifest of a version new jobs may use: approved, and still verifying. */
    public TemplateManifest forNewJob(String ref) {
        TemplateRecord record = find(ref);
        if (record.status != TemplateStatus.APPROVED) {
            throw new ApiException(422, "template_unavailable", "Template " + record.id + " is "
                    + record.status.wireName() + ": no new jobs may use it", Map.of("field", "template",
                    "status", record.status));
        }
        TemplateManifest manifest = manifest(record);
        signer.verify(manifest).ifPresent(failure -> {
            throw new ApiException(422, "template_unavailable", "Template " + record.id + ": " + failure,
                    Map.of("field", "template"));
        });
        return manifest;
    }

    /** Verifies a manifest without storing it: signature first, then every validation rule. */
    public Map<String, Object> verify(TemplateManifest manifest) {
        Optional<String> signature = signer.verify(manifest);
        List<TemplateValidator.Violation> violations = validator.check(manifest);
        return Map.of("valid", signature.isEmpty() && violations.isEmpty(),
                "signature", signature.orElse("valid"), "violations", violations);
    }

    public TemplateManifest manifest(TemplateRecord record) {
        try {
            return json.readValue(record.manifestJson, TemplateManifest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored template " + record.id + " is unreadable", e);
        }
    }

    private TemplateRecord exact(String ref) {
        TemplateRecord record = TemplateRecord.findById(ref);
        if (record == null) {
            throw new ApiException(404, "not_found", "Template '" + ref + "' does not exist", Map.of());
        }
        return record;
    }

    private TemplateRecord record(TemplateManifest manifest, String publisher, TemplateStatus status, boolean builtIn) {
        TemplateRecord record = new TemplateRecord();
        record.id = manifest.ref();
        record.templateId = manifest.templateId();
        record.version = manifest.version();
        record.type = manifest.type();
        record.tags = manifest.tags() == null ? List.of() : List.copyOf(manifest.tags());
        record.status = status;
        record.builtIn = builtIn;
        record.publisher = publisher;
        record.publisherKey = manifest.signature().publicKey();
        record.manifestJson = write(manifest);
        record.submittedAt = Instant.now();
        record.updatedAt = record.submittedAt;
        record.decisions.add(new TemplateRecord.Decision(status, publisher, builtIn ? "built-in" : "submitted",
                record.submittedAt));
        return record;
    }

    private static void insert(TemplateRecord record) {
        record.persist();
    }

    private String write(TemplateManifest manifest) {
        try {
            return json.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private TemplateManifest read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Built-in template " + resource + " is missing from the application");
            }
            return json.readValue(in, TemplateManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
