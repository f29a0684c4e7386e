package io.hpcgateway.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import io.hpcgateway.cli.http.Gateway;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * What a command prints on stdout: the gateway's JSON as it came ({@code json}), the same as
 * YAML ({@code yaml}), or a table for people ({@code table}). Progress and prompts go to stderr,
 * so {@code -o json} output always parses.
 */
public final class Output {

    public enum Format { TABLE, JSON, YAML }

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build());

    private final Format format;
    private final PrintStream out;

    public Output(String format, PrintStream out) {
        this.format = parse(format);
        this.out = out;
    }

    private static Format parse(String format) {
        try {
            return Format.valueOf(format.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--output must be table, json or yaml, not '" + format + "'");
        }
    }

    public boolean isTable() {
        return format == Format.TABLE;
    }

    public PrintStream out() {
        return out;
    }

    /** Prints {@code data}: as the table when the format is table, else as JSON or YAML. */
    public void print(JsonNode data, Table table) {
        switch (format) {
            case JSON -> out.println(data.toPrettyString());
            case YAML -> {
                try {
                    out.print(YAML.writeValueAsString(data));
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case TABLE -> table.print(data, out);
        }
        out.flush();
    }

    /** A single object as FIELD/VALUE lines in table format. */
    public void print(JsonNode data) {
        print(data, Table.fields());
    }

    /** A short confirmation in table format; the data in the others. */
    public void done(JsonNode data, String sentence) {
        if (format == Format.TABLE) {
            out.println(sentence);
            out.flush();
        } else {
            print(data == null || data.isMissingNode() ? Gateway.JSON.createObjectNode() : data, null);
        }
    }
}
