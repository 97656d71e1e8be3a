package org.eventdedup.config.domain.rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.ScoringWeights;
import org.eventdedup.config.domain.rule.DocumentShape.BooleanNode;
import org.eventdedup.config.domain.rule.DocumentShape.EnumNode;
import org.eventdedup.config.domain.rule.DocumentShape.FieldSpec;
import org.eventdedup.config.domain.rule.DocumentShape.Limits;
import org.eventdedup.config.domain.rule.DocumentShape.MapNode;
import org.eventdedup.config.domain.rule.DocumentShape.Node;
import org.eventdedup.config.domain.rule.DocumentShape.NumberNode;
import org.eventdedup.config.domain.rule.DocumentShape.RecordNode;
import org.eventdedup.config.domain.rule.DocumentShape.StringListNode;

/**
 * JSON Schema (2020-12) of the config document, generated from {@link DocumentShape}: types, limits, enums, titles,
 * descriptions and built-in defaults. Weight sets carry {@code x-weights-sum} so the page can show live sums.
 */
public final class ConfigSchema {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private ConfigSchema() {
    }

    public static Map<String, Object> generate() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", DIALECT);
        schema.put("$id", "urn:event-dedup:matching-config");
        schema.put("title", "Matching configuration");
        schema.put("description", "Every parameter of event deduplication. Cross-field rules: each weight set sums to"
                + " 1.0 ± " + ConfigRules.WEIGHT_SUM_TOLERANCE + "; thresholds.low < thresholds.high;"
                + " blend_lower ≤ blend_upper; time_tolerance_minutes ≤ time_close_minutes ≤ 60 × time_gap_penalty_hours;"
                + " ai.min_combined_score ≤ ai.max_combined_score. x-rules lists them as data (see CrossFieldRule).");
        schema.putAll(node(DocumentShape.ROOT, ConfigDocument.toTree(MatchingConfig.DEFAULT)));
        schema.put("x-rules", ConfigRules.published());
        return schema;
    }

    private static Map<String, Object> node(Node node, Object defaultValue) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (node instanceof RecordNode record) {
            s.put("type", "object");
            Map<String, Object> properties = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            Map<?, ?> defaults = defaultValue instanceof Map<?, ?> m ? m : Map.of();
            for (FieldSpec f : record.fields()) {
                properties.put(f.jsonName(), field(f, defaults.get(f.jsonName())));
                required.add(f.jsonName());
            }
            s.put("properties", properties);
            s.put("required", required);
            s.put("additionalProperties", false);
            if (record.type() == ScoringWeights.class) {
                s.put("x-weights-sum", 1.0);
            }
        } else if (node instanceof MapNode map) {
            s.put("type", "object");
            s.put("propertyNames", Map.of("minLength", 1));
            s.put("additionalProperties", node(map.valueNode(), null));
        } else if (node instanceof StringListNode) {
            s.put("type", "array");
            s.put("items", Map.of("type", "string", "minLength", 1));
            s.put("uniqueItems", true);
        } else if (node instanceof EnumNode e) {
            s.put("type", "string");
            s.put("enum", e.jsonNames());
            if (!e.help().isEmpty()) {
                s.put("x-option-help", e.help());
            }
        } else if (node instanceof NumberNode n) {
            s.put("type", n.integer() ? "integer" : "number");
        } else if (node instanceof BooleanNode) {
            s.put("type", "boolean");
        } else {
            s.put("type", "string");
        }
        return s;
    }

    private static Map<String, Object> field(FieldSpec f, Object defaultValue) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("title", f.title());
        if (!f.description().isEmpty()) {
            s.put("description", f.description());
        }
        Map<String, Object> typed = node(f.node(), defaultValue);
        if (f.nullable()) {
            typed.put("type", List.of(typed.get("type"), "null"));
        }
        s.putAll(typed);
        Limits limits = f.limits();
        if (limits.min() != null) {
            s.put(limits.minInclusive() ? "minimum" : "exclusiveMinimum", limits.min());
        }
        if (limits.max() != null) {
            s.put(limits.maxInclusive() ? "maximum" : "exclusiveMaximum", limits.max());
        }
        if (limits.notBlank()) {
            s.put("minLength", 1);
            s.put("pattern", "\\S");
        }
        if (!(f.node() instanceof RecordNode) || defaultValue == null) {
            s.put("default", defaultValue);
        }
        return s;
    }
}
