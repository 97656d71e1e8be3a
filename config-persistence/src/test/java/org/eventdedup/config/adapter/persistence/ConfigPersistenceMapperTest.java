package org.eventdedup.config.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.Change;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.rule.ConfigDocument;
import org.junit.jupiter.api.Test;

class ConfigPersistenceMapperTest {

    private final ConfigPersistenceMapper mapper = new ConfigPersistenceMapper();

    @Test
    void writes_doubles_in_plain_notation_so_jsonb_keeps_them_doubles() {
        String json = mapper.writeDocument(new LinkedHashMap<>(Map.of("a", 1.2345678E7, "b", 1.0E-5, "c", 10.0)));

        assertThat(json).contains("\"a\":12345678.0", "\"b\":0.000010", "\"c\":10.0");
        // what JSONB prints back for those values
        assertThat(mapper.readDocument("{\"a\": 12345678.0, \"b\": 0.000010, \"c\": 10.0, \"i\": 15}"))
                .isEqualTo(Map.of("a", 1.2345678E7, "b", 1.0E-5, "c", 10.0, "i", 15));
    }

    @Test
    void refuses_non_finite_numbers() {
        assertThatThrownBy(() -> mapper.writeDocument(Map.of("a", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-finite");
    }

    @Test
    void restores_the_declared_key_order_that_jsonb_does_not_keep() {
        Map<String, Object> document = ConfigDocument.toTree(MatchingConfig.DEFAULT);
        Map<String, Object> shuffled = reversed(document);

        Map<String, Object> read = mapper.readDocument(mapper.writeDocument(shuffled));

        assertThat(read).isEqualTo(document);
        assertThat(new ArrayList<>(read.keySet())).containsExactlyElementsOf(document.keySet());
        @SuppressWarnings("unchecked")
        Map<String, Object> ai = (Map<String, Object>) read.get("ai");
        @SuppressWarnings("unchecked")
        Map<String, Object> expectedAi = (Map<String, Object>) document.get("ai");
        assertThat(new ArrayList<>(ai.keySet())).containsExactlyElementsOf(expectedAi.keySet());
    }

    @Test
    void keeps_keys_the_document_shape_does_not_know() {
        assertThat(mapper.readDocument("{\"legacy\": 1, \"scoring\": {\"date\": 0.3, \"old\": true}}"))
                .containsExactly(Map.entry("scoring", Map.of("date", 0.3, "old", true)), Map.entry("legacy", 1));
    }

    @Test
    void round_trips_changes_with_structured_and_null_values() {
        List<Change> changes = List.of(
                new Change("/title/cross_source_type", null, Map.of("primary_weight", 0.4)),
                new Change("/category_weights/priority", List.of("a"), List.of("a", "b")),
                new Change(Change.API_KEY_PATH, null, "set"));

        assertThat(mapper.readChanges(mapper.writeChanges(changes))).isEqualTo(changes);
    }

    private static Map<String, Object> reversed(Map<String, Object> map) {
        List<String> keys = new ArrayList<>(map.keySet());
        java.util.Collections.reverse(keys);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : keys) {
            Object value = map.get(key);
            @SuppressWarnings("unchecked")
            Object v = value instanceof Map<?, ?> m ? reversed((Map<String, Object>) m) : value;
            out.put(key, v);
        }
        return out;
    }
}
