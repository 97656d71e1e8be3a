package org.eventdedup.config.domain.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.config.domain.testing.Trees.defaultsTree;
import static org.eventdedup.config.domain.testing.Trees.obj;
import static org.eventdedup.config.domain.testing.Trees.with;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eventdedup.config.domain.model.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cross-field rules speak in labels and values, and are published as the data the server checks. */
class CrossFieldRuleTest {

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("/thresholds/low", 0.8, "/thresholds/low", "Must be below the match threshold (0.75)."),
                Arguments.of("/date/time_tolerance_minutes", 100, "/date/time_tolerance_minutes",
                        "Must be at most the close time (90 min)."),
                Arguments.of("/date/time_close_minutes", 121, "/date/time_close_minutes",
                        "Must be at most the gap penalty time (120 min, the hours × 60)."),
                Arguments.of("/ai/min_combined_score", 0.8, "/ai/min_combined_score",
                        "Must be at most the AI window upper score (0.79)."),
                Arguments.of("/title/blend_lower", 0.9, "/title/blend_lower",
                        "Must be at most the blend upper bound (0.80)."),
                Arguments.of("/scoring/date", 0.5, "/scoring",
                        "The weights must add up to 1 (± 0.01); they add up to 1.20."));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("messages")
    void a_broken_rule_names_the_other_field_by_its_label_and_value(String pointer, Object value, String reportedAt,
                                                                   String message) {
        List<Violation> violations = ConfigDocument.validate(with(defaultsTree(), pointer, value)).violations();
        assertThat(violations).containsExactly(new Violation(reportedAt, message));
    }

    @Test
    void both_title_weights_zero_is_one_message_at_the_primary_weight() {
        Map<String, Object> tree = with(with(defaultsTree(), "/title/primary_weight", 0), "/title/secondary_weight", 0);
        assertThat(ConfigDocument.validate(tree).violations()).containsExactly(new Violation("/title/primary_weight",
                "Primary and secondary weight must not both be 0 (they need not add up to 1)."));
    }

    @Test
    void a_rule_with_a_wildcard_scope_checks_every_map_entry_and_skips_a_missing_optional_object() {
        Map<String, Object> tree = with(defaultsTree(), "/category_weights/overrides", obj(
                "ok", obj("date", 0.25, "geo", 0.25, "title", 0.25, "description", 0.25),
                "a/b", obj("date", 0.5, "geo", 0.5, "title", 0.5, "description", 0.5)));
        assertThat(ConfigRules.CATEGORY_WEIGHTS_SUM_TO_ONE.check(tree)).extracting(Violation::path)
                .containsExactly("/category_weights/overrides/a~1b");
        assertThat(ConfigRules.CROSS_SOURCE_BLEND_ORDERED.check(defaultsTree())).isEmpty();
    }

    @Test
    void the_schema_publishes_every_rule_the_server_checks() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> published = (List<Map<String, Object>>) ConfigSchema.generate().get("x-rules");
        assertThat(published).extracting(r -> r.get("name"))
                .containsExactlyElementsOf(ConfigRules.ALL.stream().map(CrossFieldRule::name).toList());
        assertThat(published).filteredOn(r -> r.get("name").equals("close_time_within_gap")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("kind", "at_most").containsEntry("scope", "/date")
                        .containsEntry("fields", List.of("time_close_minutes", "time_gap_penalty_hours"))
                        .containsEntry("factor", 60.0));
    }

    @Test
    void values_are_written_plainly_for_whole_numbers_and_with_two_decimals_at_least_otherwise() {
        assertThat(CrossFieldRule.format(0.7, false)).isEqualTo("0.70");
        assertThat(CrossFieldRule.format(0.755, false)).isEqualTo("0.755");
        assertThat(CrossFieldRule.format(1.19999999, false)).isEqualTo("1.20");
        assertThat(CrossFieldRule.format(120.0, true)).isEqualTo("120");
        assertThat(CrossFieldRule.format(90.5, true)).isEqualTo("90.5");
    }
}
