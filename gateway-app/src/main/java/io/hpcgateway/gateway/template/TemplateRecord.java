package io.hpcgateway.gateway.template;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One version of a template in the catalogue, {@code _id = template_id@version}. The manifest is
 * kept as the JSON that was signed, so verification can be repeated at any time.
 */
@MongoEntity(collection = "templates")
public class TemplateRecord extends PanacheMongoEntityBase {
    @BsonId
    public String id;
    public String templateId;
    public String version;
    public String type;
    public List<String> tags = new ArrayList<>();
    public TemplateStatus status;
    public boolean builtIn;
    /** The subject that submitted it (the gateway itself for built-ins). */
    public String publisher;
    /** The signing key (base64 X.509), as it travelled with the manifest. */
    public String publisherKey;
    public String manifestJson;
    public Instant submittedAt;
    public Instant updatedAt;
    public List<Decision> decisions = new ArrayList<>();

    /** Who moved the template to which status, when, and why. */
    @Schema(name = "TemplateDecision")
    public record Decision(TemplateStatus to, String by, String reason, Instant at) {}
}
