package io.hpcgateway.gateway.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/** Checks answers against the standard app API 0.6.0's schemas (src/test/resources/standard-app-api/models.json). */
public final class StandardModels {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private StandardModels() {}

    /** Fails the test, listing every violation, unless {@code body} is a valid {@code model}. */
    public static void assertValid(String model, String body) {
        JsonSchema schema = FACTORY.getSchema(
                SchemaLocation.of("classpath:standard-app-api/models.json#/$defs/" + model), CONFIG);
        try {
            JsonNode answer = JSON.readTree(body);
            Set<ValidationMessage> violations = schema.validate(answer);
            assertEquals(Set.of(), violations, model + ": " + body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
