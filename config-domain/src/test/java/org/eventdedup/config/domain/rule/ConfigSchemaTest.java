package org.eventdedup.config.domain.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

    private final Map<String, Object> schema = ConfigSchema.generate();

    @SuppressWarnings("unchecked")
    private Map<String, Object> property(String... path) {
        Map<String, Object> node = schema;
        for (String p : path) {
            node = (Map<String, Object>) ((Map<String, Object>) node.get("properties")).get(p);
        }
        return node;
    }

    @Test
    void is_a_2020_12_object_schema_that_rejects_unknown_fields() {
        assertThat(schema).containsEntry("$schema", "https://json-schema.org/draft/2020-12/schema")
                .containsEntry("type", "object").containsEntry("additionalProperties", false);
        assertThat((List<?>) schema.get("required")).hasSize(10);
        assertThat(property("scoring")).containsEntry("additionalProperties", false).containsEntry("x-weights-sum", 1.0);
    }

    @Test
    void carries_types_limits_titles_and_defaults_from_the_records() {
        assertThat(property("thresholds", "high")).containsEntry("type", "number")
                .containsEntry("minimum", new BigDecimal("0.0")).containsEntry("maximum", new BigDecimal("1.0"))
                .containsEntry("title", "Match threshold").containsEntry("default", 0.75)
                .containsKey("description");
        assertThat(property("geo", "max_distance_km")).containsEntry("exclusiveMinimum", BigDecimal.ZERO)
                .doesNotContainKey("minimum");
        assertThat(property("cluster", "max_cluster_size")).containsEntry("type", "integer")
                .containsEntry("minimum", BigDecimal.valueOf(2));
        assertThat(property("ai", "model")).containsEntry("minLength", 1);
    }

    @Test
    void lists_only_the_strategies_allowed_per_field() {
        assertThat(property("canonical", "field_strategies", "title").get("enum")).isEqualTo(List.of(
                "longest", "longest_non_generic", "most_complete", "most_frequent", "shortest", "first"));
        assertThat(property("canonical", "field_strategies", "geo").get("enum")).isEqualTo(List.of(
                "highest_confidence", "most_frequent", "first"));
        assertThat(property("canonical", "field_strategies", "admission_free").get("enum")).isEqualTo(List.of(
                "any_true", "all_true", "most_frequent"));
    }

    @Test
    void optional_objects_and_maps_are_described() {
        assertThat(property("title", "cross_source_type").get("type")).isEqualTo(List.of("object", "null"));
        assertThat(property("blocking", "bounding_box").get("type")).isEqualTo(List.of("object", "null"));
        @SuppressWarnings("unchecked")
        Map<String, Object> overrides = property("category_weights", "overrides");
        assertThat(overrides).containsEntry("type", "object");
        assertThat((Map<String, Object>) overrides.get("additionalProperties")).containsEntry("x-weights-sum", 1.0);
    }
}
