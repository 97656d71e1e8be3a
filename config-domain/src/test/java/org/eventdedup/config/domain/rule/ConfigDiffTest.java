package org.eventdedup.config.domain.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.config.domain.testing.Trees.defaultsTree;
import static org.eventdedup.config.domain.testing.Trees.obj;

import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.Change;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {

    private static MatchingConfig apply(MatchingConfig base, Map<String, Object> patch) {
        Validated v = ConfigDocument.validate(MergePatch.apply(ConfigDocument.toTree(base), patch, defaultsTree()));
        assertThat(v.violations()).isEmpty();
        return v.config();
    }

    @Test
    void identical_configs_have_no_changes() {
        assertThat(ConfigDiff.between(MatchingConfig.DEFAULT, MatchingConfig.DEFAULT)).isEmpty();
    }

    @Test
    void lists_changed_leaves_in_document_order() {
        MatchingConfig after = apply(MatchingConfig.DEFAULT, obj("thresholds", obj("high", 0.8),
                "scoring", obj("date", 0.35, "description", 0.10), "ai", obj("model", "gemini-x")));
        assertThat(ConfigDiff.between(MatchingConfig.DEFAULT, after)).containsExactly(
                new Change("/scoring/date", 0.30, 0.35),
                new Change("/scoring/description", 0.15, 0.10),
                new Change("/thresholds/high", 0.75, 0.8),
                new Change("/ai/model", "gemini-2.5-flash", "gemini-x"));
    }

    @Test
    void added_and_removed_objects_are_one_change_each() {
        Map<String, Object> blend = obj("primary_weight", 0.4, "secondary_weight", 0.6, "blend_lower", 0.25,
                "blend_upper", 0.95);
        Map<String, Object> weights = obj("date", 0.3, "geo", 0.3, "title", 0.25, "description", 0.15);
        MatchingConfig after = apply(MatchingConfig.DEFAULT, obj("title", obj("cross_source_type", blend),
                "category_weights", obj("priority", List.of("fasnacht"), "overrides", obj("fasnacht", weights))));

        assertThat(ConfigDiff.between(MatchingConfig.DEFAULT, after)).containsExactly(
                new Change("/title/cross_source_type", null, blend),
                new Change("/category_weights/priority", List.of(), List.of("fasnacht")),
                new Change("/category_weights/overrides/fasnacht", null, weights));
        assertThat(ConfigDiff.between(after, MatchingConfig.DEFAULT)).containsExactly(
                new Change("/title/cross_source_type", blend, null),
                new Change("/category_weights/priority", List.of("fasnacht"), List.of()),
                new Change("/category_weights/overrides/fasnacht", weights, null));
    }

    @Test
    void changed_map_entries_are_diffed_field_by_field() {
        Map<String, Object> weights = obj("date", 0.3, "geo", 0.3, "title", 0.25, "description", 0.15);
        MatchingConfig before = apply(MatchingConfig.DEFAULT, obj("category_weights", obj("overrides",
                obj("fasnacht", weights))));
        MatchingConfig after = apply(before, obj("category_weights", obj("overrides",
                obj("fasnacht", obj("geo", 0.25, "title", 0.3)))));
        assertThat(ConfigDiff.between(before, after)).containsExactly(
                new Change("/category_weights/overrides/fasnacht/geo", 0.3, 0.25),
                new Change("/category_weights/overrides/fasnacht/title", 0.25, 0.3));
    }
}
