package org.eventdedup.config.domain.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.config.domain.testing.Trees.defaultsTree;
import static org.eventdedup.config.domain.testing.Trees.obj;
import static org.eventdedup.config.domain.testing.Trees.with;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eventdedup.config.domain.model.Violation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per validation rule of contract §1: the edits, then the one path that must be reported. */
class ConfigRulesTest {

    static Stream<Arguments> violations() {
        return Stream.of(
                row("/scoring", "/scoring/date", 0.5),
                row("/scoring", "/scoring/description", 0.139),
                row("/scoring/date", "/scoring/date", -0.1, "/scoring/geo", 0.65),
                row("/thresholds/low", "/thresholds/low", 0.8),
                row("/thresholds/low", "/thresholds/low", 0.75),
                row("/thresholds/high", "/thresholds/high", 1.01),
                row("/thresholds/title_veto", "/thresholds/title_veto", -0.01),
                row("/geo/max_distance_km", "/geo/max_distance_km", 0),
                row("/geo/venue_match_distance_km", "/geo/venue_match_distance_km", -1),
                row("/geo/min_confidence", "/geo/min_confidence", 1.5),
                row("/geo/venue_name_min_similarity", "/geo/venue_name_min_similarity", 2),
                row("/date/time_tolerance_minutes", "/date/time_tolerance_minutes", 0),
                row("/date/time_tolerance_minutes", "/date/time_tolerance_minutes", 100),
                row("/date/time_close_minutes", "/date/time_close_minutes", 121),
                row("/date/time_gap_penalty_hours", "/date/time_gap_penalty_hours", 0),
                row("/date/close_factor", "/date/close_factor", 1.1),
                row("/title/blend_lower", "/title/blend_lower", 0.9),
                row("/title/primary_weight", "/title/primary_weight", 0, "/title/secondary_weight", 0),
                row("/title/cross_source_type/blend_lower", "/title/cross_source_type",
                        obj("primary_weight", 0.4, "secondary_weight", 0.6, "blend_lower", 0.96, "blend_upper", 0.95)),
                row("/title/cross_source_type/primary_weight", "/title/cross_source_type",
                        obj("primary_weight", 0, "secondary_weight", 0, "blend_lower", 0.2, "blend_upper", 0.95)),
                row("/cluster/max_cluster_size", "/cluster/max_cluster_size", 1),
                row("/cluster/max_distinct_dates", "/cluster/max_distinct_dates", 0),
                row("/cluster/min_internal_similarity", "/cluster/min_internal_similarity", 1.2),
                row("/canonical/title_min_length", "/canonical/title_min_length", 0),
                row("/canonical/field_strategies/geo", "/canonical/field_strategies/geo", "longest"),
                row("/canonical/field_strategies/highlights", "/canonical/field_strategies/highlights", "any_true"),
                row("/canonical/field_strategies/is_family_event", "/canonical/field_strategies/is_family_event", "union"),
                row("/canonical/field_strategies/title", "/canonical/field_strategies/title", "most_complete_ever"),
                row("/ai/min_combined_score", "/ai/min_combined_score", 0.8),
                row("/ai/model", "/ai/model", " "),
                row("/ai/temperature", "/ai/temperature", 2.5),
                row("/ai/max_output_tokens", "/ai/max_output_tokens", 0),
                row("/ai/max_concurrent_requests", "/ai/max_concurrent_requests", -3),
                row("/ai/confidence_threshold", "/ai/confidence_threshold", 1.5),
                row("/ai/cost_per_1m_input_tokens", "/ai/cost_per_1m_input_tokens", -0.01),
                row("/ai/thinking_budget", "/ai/thinking_budget", -2),
                row("/category_weights/overrides/musik", "/category_weights/overrides",
                        obj("musik", obj("date", 0.5, "geo", 0.2, "title", 0.1, "description", 0.1))),
                row("/category_weights/overrides/a~1b", "/category_weights/overrides",
                        obj("a/b", obj("date", 0.5, "geo", 0.5, "title", 0.5, "description", 0.5))),
                row("/category_weights/priority/1", "/category_weights/priority", List.of("musik", "musik")),
                row("/category_weights/priority/0", "/category_weights/priority", List.of("")),
                row("/blocking/bounding_box/lat_min", "/blocking/bounding_box",
                        obj("lat_min", 49.0, "lat_max", 48.5, "lon_min", 7.3, "lon_max", 8.5)),
                row("/blocking/bounding_box/lon_max", "/blocking/bounding_box",
                        obj("lat_min", 47.0, "lat_max", 48.5, "lon_min", 7.3, "lon_max", 181)),
                row("/blocking/geo_grid_lat_deg", "/blocking/geo_grid_lat_deg", 0),
                row("/blocking/min_geo_confidence", "/blocking/min_geo_confidence", -1),
                row("/blocking/max_range_days", "/blocking/max_range_days", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void each_rule_reports_its_field(String expectedPath, Map<String, Object> tree) {
        List<Violation> violations = ConfigDocument.validate(tree).violations();
        assertThat(violations).extracting(Violation::path).contains(expectedPath);
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                row("weights summing to 1.009", "/scoring/date", 0.309),
                row("weights summing to 0.991", "/scoring/date", 0.291),
                row("title veto 0 switches it off", "/thresholds/title_veto", 0),
                row("tolerance equal to close window", "/date/time_tolerance_minutes", 90),
                row("close window equal to gap hours", "/date/time_close_minutes", 120),
                row("blend bounds equal", "/title/blend_lower", 0.8),
                row("ai window of one point", "/ai/min_combined_score", 0.79),
                row("no bounding box", "/blocking/bounding_box", null),
                row("dynamic thinking", "/ai/thinking_budget", -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void boundary_values_are_accepted(String name, Map<String, Object> tree) {
        assertThat(ConfigDocument.validate(tree).violations()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void all_violations_are_reported_at_once() {
        Map<String, Object> tree = with(defaultsTree(), "/thresholds/low", 0.9);
        tree = with(tree, "/ai/model", "");
        tree = with(tree, "/scoring/date", 0.9);
        assertThat(ConfigDocument.validate(tree).violations()).extracting(Violation::path)
                .containsExactlyInAnyOrder("/thresholds/low", "/ai/model", "/scoring");
    }

    private static Arguments row(String name, Object... pointerValuePairs) {
        Map<String, Object> tree = defaultsTree();
        for (int i = 0; i < pointerValuePairs.length; i += 2) {
            tree = with(tree, (String) pointerValuePairs[i], pointerValuePairs[i + 1]);
        }
        return Arguments.of(name, tree);
    }
}
