package io.hpcgateway.gateway.marketplace;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.hpcgateway.gateway.identity.UserAccount;
import io.hpcgateway.gateway.job.GatewayJob;
import io.hpcgateway.gateway.job.JobService;
import io.hpcgateway.gateway.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Creates jobs from {@link TransformationParameters}, for the legacy v1 API and the MarketPlace
 * standard app API alike. Unknown or mistyped parameters are refused with their name, and the
 * native validator's messages are translated into this vocabulary.
 */
@ApplicationScoped
public class MarketplaceJobs {

    private final JobService jobs;
    private final ObjectMapper json;
    private final ObjectReader reader;

    MarketplaceJobs(JobService jobs, ObjectMapper json) {
        this.jobs = jobs;
        this.json = json;
        this.reader = json.readerFor(TransformationParameters.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public GatewayJob create(UserAccount user, Map<String, Object> parameters) {
        if (parameters == null) {
            throw ApiException.badRequest("parameters", "The job parameters are required: at least 'job_name' and "
                    + "'executable_cmd' (or 'script'); see TransformationParameters in /q/openapi");
        }
        TransformationParameters parsed = parse(parameters);
        try {
            return jobs.create(user, parsed.toJobRequest(), parameters);
        } catch (ApiException e) {
            throw inThisVocabulary(e);
        }
    }

    private TransformationParameters parse(Map<String, Object> parameters) {
        try {
            return reader.readValue((JsonNode) json.valueToTree(parameters));
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest(e.getPropertyName(), "Unknown parameter '" + e.getPropertyName()
                    + "'; known parameters: " + e.getKnownPropertyIds());
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]"
                    : r.getFieldName()).reduce((a, b) -> a + "." + b).orElse("parameters");
            throw ApiException.badRequest(field, "Parameter '" + field + "' has the wrong type; see "
                    + "TransformationParameters in /q/openapi");
        } catch (IOException e) {
            throw ApiException.badRequest("parameters", "The parameters are not a JSON object of job fields");
        }
    }

    private static ApiException inThisVocabulary(ApiException e) {
        if (e.status() != 400) {
            return e;
        }
        String message = e.getMessage();
        Map<String, Object> details = new HashMap<>(e.details());
        for (Map.Entry<String, String> name : TransformationParameters.NATIVE_NAMES.entrySet()) {
            message = message.replace("'" + name.getKey() + "'", "'" + name.getValue() + "'");
            if (name.getKey().equals(details.get("field"))) {
                details.put("field", name.getValue());
            }
        }
        return new ApiException(e.status(), e.error(), message, details);
    }
}
