package io.hpcgateway.gateway.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a job runs: its rendered script and submission fields; a dry run answers with this. */
@Schema(name = "JobPlan")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobPlan(String script, String partition,
                      @Schema(description = "SLURM --time, in minutes") String timeLimitMinutes,
                      Map<String, String> env,
                      @Schema(description = "The template version rendered, for template jobs") String template,
                      @Schema(description = "The resources the template granted") Map<String, Object> resources,
                      @Schema(description = "The template parameters as the job sees them ($PARAM_<NAME>)")
                      Map<String, String> parameters) {}
