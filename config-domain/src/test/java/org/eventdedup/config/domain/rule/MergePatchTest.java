package org.eventdedup.config.domain.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.config.domain.testing.Trees.at;
import static org.eventdedup.config.domain.testing.Trees.defaultsTree;
import static org.eventdedup.config.domain.testing.Trees.obj;
import static org.eventdedup.config.domain.testing.Trees.with;

import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.Violation;
import org.junit.jupiter.api.Test;

class MergePatchTest {

    private final Map<String, Object> defaults = with(with(defaultsTree(), "/title/cross_source_type",
            obj("primary_weight", 0.4, "secondary_weight", 0.6, "blend_lower", 0.25, "blend_upper", 0.95)),
            "/category_weights/overrides",
            obj("fasnacht", obj("date", 0.30, "geo", 0.30, "title", 0.25, "description", 0.15)));

    @Test
    void nested_objects_merge_key_by_key() {
        Map<String, Object> out = MergePatch.apply(defaults, obj("title", obj("primary_weight", 0.8)), defaults);
        assertThat(at(out, "/title/primary_weight")).isEqualTo(0.8);
        assertThat(at(out, "/title/secondary_weight")).isEqualTo(0.3);
        assertThat(at(out, "/title/blend_lower")).isEqualTo(0.4);
        assertThat(at(out, "/title/blend_upper")).isEqualTo(0.8);
        assertThat(at(out, "/title/cross_source_type/primary_weight")).isEqualTo(0.4);
    }

    @Test
    void does_not_modify_its_inputs() {
        Map<String, Object> target = with(defaults, "/thresholds/high", 0.9);
        Map<String, Object> before = with(target, "/thresholds/high", 0.9);
        MergePatch.apply(target, obj("thresholds", obj("high", 0.5)), defaults);
        assertThat(target).isEqualTo(before);
    }

    @Test
    void null_on_a_plain_field_restores_the_effective_default() {
        Map<String, Object> current = with(with(defaults, "/thresholds/high", 0.9), "/thresholds/low", 0.2);
        Map<String, Object> out = MergePatch.apply(current, obj("thresholds", obj("high", null)), defaults);
        assertThat(at(out, "/thresholds/high")).isEqualTo(0.75);
        assertThat(at(out, "/thresholds/low")).isEqualTo(0.2);
    }

    @Test
    void null_on_a_whole_section_restores_it() {
        Map<String, Object> current = with(defaults, "/scoring", obj("date", 0.4, "geo", 0.2, "title", 0.3,
                "description", 0.1));
        Map<String, Object> out = MergePatch.apply(current, obj("scoring", null), defaults);
        assertThat(out.get("scoring")).isEqualTo(defaults.get("scoring"));
    }

    @Test
    void null_removes_an_optional_object_and_a_map_entry() {
        Map<String, Object> out = MergePatch.apply(defaults, obj("title", obj("cross_source_type", null),
                "category_weights", obj("overrides", obj("fasnacht", null))), defaults);
        assertThat(at(out, "/title/cross_source_type")).isNull();
        assertThat((Map<?, ?>) at(out, "/category_weights/overrides")).isEmpty();
        assertThat(ConfigDocument.validate(out).violations()).isEmpty();
    }

    @Test
    void map_entries_are_added_and_merged() {
        Map<String, Object> out = MergePatch.apply(defaults, obj("category_weights", obj("overrides", obj(
                "musik", obj("date", 0.4, "geo", 0.2, "title", 0.3, "description", 0.1),
                "fasnacht", obj("date", 0.25, "geo", 0.35)))), defaults);
        assertThat(at(out, "/category_weights/overrides/musik/date")).isEqualTo(0.4);
        assertThat(at(out, "/category_weights/overrides/fasnacht")).isEqualTo(
                obj("date", 0.25, "geo", 0.35, "title", 0.25, "description", 0.15));
    }

    @Test
    void arrays_replace_whole() {
        Map<String, Object> current = with(defaults, "/category_weights/priority", List.of("a", "b", "c"));
        Map<String, Object> out = MergePatch.apply(current, obj("category_weights", obj("priority", List.of("c"))),
                defaults);
        assertThat(at(out, "/category_weights/priority")).isEqualTo(List.of("c"));
    }

    @Test
    void a_new_optional_object_starts_from_its_default() {
        Map<String, Object> current = with(defaults, "/title/cross_source_type", null);
        Map<String, Object> out = MergePatch.apply(current, obj("title", obj("cross_source_type",
                obj("blend_upper", 0.9))), defaults);
        assertThat(at(out, "/title/cross_source_type")).isEqualTo(
                obj("primary_weight", 0.4, "secondary_weight", 0.6, "blend_lower", 0.25, "blend_upper", 0.9));
    }

    @Test
    void unknown_keys_pass_through_to_be_rejected_by_validation() {
        Map<String, Object> out = MergePatch.apply(defaults, obj("scoring", obj("dtae", 0.3), "extra", 1), defaults);
        assertThat(ConfigDocument.validate(out).violations()).containsExactlyInAnyOrder(
                new Violation("/scoring/dtae", "unknown field"), new Violation("/extra", "unknown field"));
    }

    @Test
    void a_scalar_where_an_object_belongs_is_a_type_error_not_a_crash() {
        Map<String, Object> out = MergePatch.apply(defaults, obj("thresholds", 5), defaults);
        assertThat(ConfigDocument.validate(out).violations()).extracting(Violation::path).containsExactly("/thresholds");
    }
}
