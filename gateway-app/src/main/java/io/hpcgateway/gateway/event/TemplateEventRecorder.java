package io.hpcgateway.gateway.event;

import io.hpcgateway.gateway.template.TemplateDecided;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tells a template's publisher, in their event log, what became of it (approved, rejected, revoked...). */
@ApplicationScoped
class TemplateEventRecorder {

    static final String TEMPLATE_DECISION = "template.decision";

    private final EventLog log;

    TemplateEventRecorder(EventLog log) {
        this.log = log;
    }

    void decided(@Observes TemplateDecided decided) {
        if (decided.publisher() == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("template", decided.ref());
        data.put("status", decided.status());
        data.put("by", decided.by());
        data.put("reason", decided.reason());
        log.append(TEMPLATE_DECISION, decided.publisher(), null, data);
    }
}
