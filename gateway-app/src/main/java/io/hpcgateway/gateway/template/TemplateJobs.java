package io.hpcgateway.gateway.template;

import io.hpcgateway.gateway.cluster.Cluster;
import io.hpcgateway.gateway.job.JobRequest;
import io.hpcgateway.gateway.platform.ApiException;
import io.hpcgateway.gateway.platform.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * A job request naming a template, made into a script for a cluster: the template must be
 * approved (and still verify), the parameters fit its schema, the resources its bounds; and what
 * the cluster cannot offer (GPUs, interactive access) is refused now, not after queueing.
 */
@ApplicationScoped
public class TemplateJobs {

    /** The script for a template job, and what it was rendered from. */
    public record Plan(String template, String script, String partition, String timeLimitMinutes,
                       Map<String, Object> resources, Map<String, String> parameters) {}

    private final TemplateCatalog catalog;
    private final List<String> containerRuntimes;

    TemplateJobs(TemplateCatalog catalog, GatewayConfig config) {
        this.catalog = catalog;
        this.containerRuntimes = config.jobs().containerRuntimes();
    }

    public Plan plan(JobRequest request, Cluster cluster) {
        TemplateManifest template = catalog.forNewJob(request.template());
        if (template.type().equals("interactive") && !cluster.interactiveSessions()) {
            throw new ApiException(422, "cluster_unsuitable", "Template " + template.ref() + " starts an interactive "
                    + "session, and cluster '" + cluster.name() + "' offers none (its nodes cannot be reached from "
                    + "outside; gateway.clusters." + cluster.name() + ".interactive-sessions)",
                    Map.of("field", "template", "cluster", cluster.name()));
        }
        Map<String, String> parameters = ParameterValues.resolve(template.parameterSchema(), request.parameters());
        JobRequest.Resources r = request.resources() == null ? new JobRequest.Resources(null, null, null, null, null)
                : request.resources();
        TemplateRenderer.Rendered rendered = TemplateRenderer.render(template, parameters,
                new TemplateRenderer.Requested(r.nodes(), r.cpusPerNode(),
                        r.memoryMbPerNode() == null ? null : r.memoryMbPerNode().longValue(), r.gpusPerNode(),
                        r.timeLimitMinutes(), request.partition()), containerRuntimes);
        TemplateRenderer.Resolved resolved = rendered.resources();
        if (resolved.gpusPerNode() > cluster.gpusPerNode()) {
            throw new ApiException(422, "cluster_unsuitable", "Template " + template.ref() + " needs "
                    + resolved.gpusPerNode() + " GPU(s) per node; cluster '" + cluster.name() + "' has "
                    + cluster.gpusPerNode() + " (gateway.clusters." + cluster.name() + ".gpus-per-node)",
                    Map.of("field", "resources.gpusPerNode", "cluster", cluster.name()));
        }
        return new Plan(template.ref(), rendered.script(), resolved.partition(),
                Integer.toString(resolved.runtimeMinutes()), Map.of("nodes", resolved.nodes(),
                "cpusPerNode", resolved.cpusPerNode(), "memoryMbPerNode", resolved.memoryMbPerNode(),
                "gpusPerNode", resolved.gpusPerNode(), "timeLimitMinutes", resolved.runtimeMinutes()), parameters);
    }
}
