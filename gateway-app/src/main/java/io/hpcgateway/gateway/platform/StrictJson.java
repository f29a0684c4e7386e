package io.hpcgateway.gateway.platform;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies are read as they are written: a number where a string belongs ({@code "name": 5})
 * or a string where a number belongs is a 400 naming the field, never silently converted; and
 * nesting and number lengths are bounded, so a deeply nested or endless body costs nothing.
 * The cluster client reads FirecREST's answers with its own, lenient copy ({@code FirecrestApi}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** Deeper than any body of the API (a template's parameters are one level, its schema a few). */
    static final int MAX_NESTING = 32;
    static final int MAX_NUMBER_CHARS = 64;

    /**
     * The same mapper with scalar coercion allowed again: for answers of other services (a real
     * FirecREST may send a number as a string), which are not the client's input to judge.
     */
    public static ObjectMapper lenient(ObjectMapper strict) {
        ObjectMapper copy = strict.copy();
        for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
                LogicalType.Boolean}) {
            for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
                    CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.String}) {
                copy.coercionConfigFor(type).setCoercion(shape, CoercionAction.TryConvert);
            }
        }
        return copy;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                .maxNumberLength(MAX_NUMBER_CHARS).build());
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }
}
