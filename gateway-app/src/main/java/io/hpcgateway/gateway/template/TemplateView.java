package io.hpcgateway.gateway.template;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A template version as the API shows it: its place in the lifecycle and, on one template, its manifest. */
@Schema(name = "Template")
public record TemplateView(@Schema(description = "template_id@version") String id, String templateId, String version,
                           String type, TemplateStatus status, boolean builtIn, String publisher, List<String> tags,
                           Instant submittedAt, List<TemplateRecord.Decision> decisions, TemplateManifest manifest) {

    static TemplateView of(TemplateRecord record, TemplateManifest manifest) {
        return new TemplateView(record.id, record.templateId, record.version, record.type, record.status,
                record.builtIn, record.publisher, record.tags, record.submittedAt, record.decisions, manifest);
    }
}
