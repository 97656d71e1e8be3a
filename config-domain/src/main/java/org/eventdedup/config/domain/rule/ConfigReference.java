package org.eventdedup.config.domain.rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configuration reference of the documentation as Markdown, rendered from {@link ConfigSchema}, so the tables an
 * operator reads and the schema the API serves and validates against cannot drift apart: one section per top-level
 * key, one row per field (nested objects as dotted rows) with type, built-in default, allowed values and meaning.
 */
public final class ConfigReference {

    private ConfigReference() {
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Object> section : properties(ConfigSchema.generate()).entrySet()) {
            Map<String, Object> schema = map(section.getValue());
            out.append("#### `").append(section.getKey()).append("` — ").append(schema.get("title")).append('\n');
            if (schema.containsKey("description")) {
                out.append(schema.get("description")).append('\n');
            }
            out.append("\n| field | type | default | allowed | meaning |\n|---|---|---|---|---|\n");
            List<String> rows = new ArrayList<>();
            rows(rows, "", schema);
            rows.forEach(row -> out.append(row).append('\n'));
            out.append('\n');
            optionHelp(out, schema);
        }
        return out.toString();
    }

    private static void rows(List<String> rows, String prefix, Map<String, Object> objectSchema) {
        for (Map.Entry<String, Object> field : properties(objectSchema).entrySet()) {
            Map<String, Object> schema = map(field.getValue());
            String name = prefix + field.getKey();
            rows.add("| `" + name + "` | " + type(schema) + " | " + defaultValue(schema) + " | " + allowed(schema)
                    + " | " + meaning(schema) + " |");
            if (schema.containsKey("properties")) {
                rows(rows, name + ".", schema);
            }
        }
    }

    /** One line per option of each distinct choice in the section ({@code x-option-help}), after its table. */
    private static void optionHelp(StringBuilder out, Map<String, Object> sectionSchema) {
        Map<Map<String, Object>, List<String>> fieldsByHelp = new LinkedHashMap<>();
        collectOptionHelp(fieldsByHelp, "", sectionSchema);
        for (Map.Entry<Map<String, Object>, List<String>> e : fieldsByHelp.entrySet()) {
            out.append("Options of ").append(e.getValue().stream().map(f -> "`" + f + "`")
                    .collect(Collectors.joining(", "))).append(":\n\n");
            e.getKey().forEach((option, help) -> out.append("- `").append(option).append("`: ").append(help)
                    .append('\n'));
            out.append('\n');
        }
    }

    private static void collectOptionHelp(Map<Map<String, Object>, List<String>> out, String prefix,
                                          Map<String, Object> objectSchema) {
        for (Map.Entry<String, Object> field : properties(objectSchema).entrySet()) {
            Map<String, Object> schema = map(field.getValue());
            Map<String, Object> help = map(schema.get("x-option-help"));
            if (!help.isEmpty()) {
                out.computeIfAbsent(help, h -> new ArrayList<>()).add(prefix + field.getKey());
            }
            if (schema.containsKey("properties")) {
                collectOptionHelp(out, prefix + field.getKey() + ".", schema);
            }
        }
    }

    private static String type(Map<String, Object> schema) {
        Object type = schema.get("type");
        return type instanceof List<?> types
                ? types.stream().map(String::valueOf).collect(Collectors.joining(" or ")) : String.valueOf(type);
    }

    private static String defaultValue(Map<String, Object> schema) {
        if (!schema.containsKey("default")) {
            return schema.containsKey("properties") ? "see below" : "—";
        }
        Object value = schema.get("default");
        if (value == null && !(schema.get("type") instanceof List<?>)) {
            return "—"; // a field of an optional object that is unset by default
        }
        if (value instanceof Map<?, ?> m) {
            return m.isEmpty() ? "{}" : "see below";
        }
        return String.valueOf(value);
    }

    private static String allowed(Map<String, Object> schema) {
        List<String> parts = new ArrayList<>();
        bound(parts, schema, "minimum", "≥");
        bound(parts, schema, "exclusiveMinimum", ">");
        bound(parts, schema, "maximum", "≤");
        bound(parts, schema, "exclusiveMaximum", "<");
        if (schema.get("enum") instanceof List<?> values) {
            parts.add(values.stream().map(v -> "`" + v + "`").collect(Collectors.joining(", ")));
        }
        if (schema.containsKey("pattern")) {
            parts.add("not blank");
        }
        if (Boolean.TRUE.equals(schema.get("uniqueItems"))) {
            parts.add("distinct non-empty names, case ignored");
        }
        if (schema.get("additionalProperties") instanceof Map<?, ?> values && values.containsKey("x-weights-sum")) {
            parts.add("names distinct ignoring case; each value: the four `scoring` weights, summing to 1.0");
        }
        return String.join(", ", parts);
    }

    private static void bound(List<String> parts, Map<String, Object> schema, String key, String symbol) {
        if (schema.containsKey(key)) {
            parts.add(symbol + " " + schema.get(key));
        }
    }

    private static String meaning(Map<String, Object> schema) {
        Object description = schema.get("description");
        String text = description == null ? String.valueOf(schema.get("title"))
                : schema.get("title") + ": " + description;
        return text.replace("|", "\\|");
    }

    private static Map<String, Object> properties(Map<String, Object> objectSchema) {
        return map(objectSchema.get("properties"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
