package io.hpcgateway.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Columns of a table: a header and a JSON pointer into each row ({@code /state},
 * {@code /invoice/total}). The rows are the array given, or its {@code items} for a page.
 */
public final class Table {

    private static final int MAX_CELL = 60;

    private final Map<String, String> columns = new LinkedHashMap<>();
    private final boolean fields;

    private Table(boolean fields) {
        this.fields = fields;
    }

    public static Table of(String... headerPointerPairs) {
        Table table = new Table(false);
        for (int i = 0; i + 1 < headerPointerPairs.length; i += 2) {
            table.columns.put(headerPointerPairs[i], headerPointerPairs[i + 1]);
        }
        return table;
    }

    /** One object as FIELD/VALUE lines (nested values as compact JSON). */
    public static Table fields() {
        return new Table(true);
    }

    void print(JsonNode data, PrintStream out) {
        if (fields) {
            printFields(data, out);
            return;
        }
        JsonNode rows = data.isArray() ? data : data.has("items") ? data.get("items") : data;
        List<List<String>> cells = new ArrayList<>();
        cells.add(new ArrayList<>(columns.keySet()));
        for (JsonNode row : rows.isArray() ? rows : List.of(rows)) {
            List<String> line = new ArrayList<>();
            columns.values().forEach(pointer -> line.add(cell(row.at(pointer))));
            cells.add(line);
        }
        int[] widths = new int[columns.size()];
        cells.forEach(line -> {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        });
        for (List<String> line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                text.append(i + 1 < line.size() ? String.format("%-" + widths[i] + "s  ", line.get(i)) : line.get(i));
            }
            out.println(text.toString().stripTrailing());
        }
        if (data.has("total") && data.has("items")) {
            out.println("(" + data.get("items").size() + " of " + data.get("total").asLong() + ")");
        }
    }

    private static void printFields(JsonNode data, PrintStream out) {
        int width = 0;
        for (Iterator<String> names = data.fieldNames(); names.hasNext(); ) {
            width = Math.max(width, names.next().length());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isNull()) {
                out.println(String.format("%-" + width + "s  %s", field.getKey(), field.getValue().isValueNode()
                        ? field.getValue().asText() : field.getValue().toString()));
            }
        }
    }

    private static String cell(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "-";
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        text = text.replaceAll("\\s+", " ");
        return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 3) + "..." : text;
    }
}
