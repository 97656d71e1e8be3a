package org.eventdedup.config.adapter.persistence;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.port.out.StoredConfig;
import org.eventdedup.config.domain.rule.ConfigDocument;

/** Test documents: start from the built-ins and override, as an operator would. */
final class ConfigDocuments {

    private ConfigDocuments() {
    }

    static Map<String, Object> defaults() {
        return ConfigDocument.toTree(MatchingConfig.DEFAULT);
    }

    /** Valid, and different from the built-ins in every kind of value: numbers, strings, lists, maps, optionals. */
    static Map<String, Object> nonDefault() {
        Map<String, Object> doc = defaults();
        section(doc, "scoring").putAll(Map.of("date", 0.25, "geo", 0.25, "title", 0.35, "description", 0.15));
        section(doc, "thresholds").put("high", 0.8);
        // a whole double written in exponent form by Java (1.2345678E7) must stay a double
        section(doc, "geo").put("max_distance_km", 12345678.0);
        section(doc, "title").put("cross_source_type", tree(
                "primary_weight", 0.4, "secondary_weight", 0.6, "blend_lower", 0.25, "blend_upper", 0.95));
        section(doc, "cluster").put("max_cluster_size", 20);
        section(doc, "ai").putAll(Map.of("enabled", true, "model", "gemini-2.5-pro", "max_output_tokens", 4096));
        section(doc, "category_weights").putAll(Map.of(
                "priority", List.of("fasnacht", "versammlung"),
                "overrides", tree(
                        "fasnacht", tree("date", 0.30, "geo", 0.30, "title", 0.25, "description", 0.15),
                        "versammlung", tree("date", 0.25, "geo", 0.20, "title", 0.40, "description", 0.15))));
        section(doc, "blocking").put("bounding_box", null);
        return doc;
    }

    static StoredConfig stored(Map<String, Object> document, long version, String apiKey, Instant at) {
        return new StoredConfig(document, apiKey, version, at, "operator-" + version);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> section(Map<String, Object> doc, String name) {
        return (Map<String, Object>) doc.get(name);
    }

    static Map<String, Object> tree(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
