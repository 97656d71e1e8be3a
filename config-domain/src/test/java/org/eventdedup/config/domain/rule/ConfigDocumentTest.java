package org.eventdedup.config.domain.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.config.domain.testing.Trees.at;
import static org.eventdedup.config.domain.testing.Trees.defaultsTree;
import static org.eventdedup.config.domain.testing.Trees.obj;
import static org.eventdedup.config.domain.testing.Trees.with;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.ScoringWeights;
import org.eventdedup.config.domain.model.TextStrategy;
import org.eventdedup.config.domain.model.TitleBlend;
import org.eventdedup.config.domain.model.Violation;
import org.junit.jupiter.api.Test;

class ConfigDocumentTest {

    @Test
    void built_in_defaults_round_trip_through_the_tree() {
        Validated v = ConfigDocument.validate(defaultsTree());
        assertThat(v.violations()).isEmpty();
        assertThat(v.config()).isEqualTo(MatchingConfig.DEFAULT);
    }

    @Test
    void field_names_are_snake_case_including_digits() {
        Map<String, Object> tree = defaultsTree();
        assertThat(at(tree, "/ai/cost_per_1m_input_tokens")).isEqualTo(0.30);
        assertThat(at(tree, "/thresholds/title_veto")).isEqualTo(0.45);
        assertThat(at(tree, "/canonical/field_strategies/is_family_event")).isEqualTo("any_true");
        assertThat(at(tree, "/blocking/bounding_box/lat_min")).isEqualTo(47.5);
        assertThat(tree).containsOnlyKeys("scoring", "thresholds", "geo", "date", "title", "cluster", "canonical",
                "ai", "category_weights", "blocking");
        assertThat(DocumentShape.jsonName("costPer1mOutputTokens")).isEqualTo("cost_per_1m_output_tokens");
    }

    @Test
    void category_weights_and_cross_source_type_round_trip() {
        Map<String, Object> tree = with(defaultsTree(), "/category_weights", obj(
                "priority", List.of("fasnacht", "versammlung"),
                "overrides", obj(
                        "fasnacht", obj("date", 0.30, "geo", 0.30, "title", 0.25, "description", 0.15),
                        "versammlung", obj("date", 0.25, "geo", 0.20, "title", 0.40, "description", 0.15))));
        tree = with(tree, "/title/cross_source_type",
                obj("primary_weight", 0.4, "secondary_weight", 0.6, "blend_lower", 0.25, "blend_upper", 0.95));

        Validated v = ConfigDocument.validate(tree);

        assertThat(v.violations()).isEmpty();
        assertThat(v.config().categoryWeights().priority()).containsExactly("fasnacht", "versammlung");
        assertThat(v.config().categoryWeights().overrides()).containsExactly(
                Map.entry("fasnacht", new ScoringWeights(0.30, 0.30, 0.25, 0.15)),
                Map.entry("versammlung", new ScoringWeights(0.25, 0.20, 0.40, 0.15)));
        assertThat(v.config().title().crossSourceType()).isEqualTo(new TitleBlend(0.4, 0.6, 0.25, 0.95));
        assertThat(ConfigDocument.toTree(v.config())).isEqualTo(tree);
    }

    @Test
    void rejects_category_names_that_differ_only_in_case() {
        Map<String, Object> weights = obj("date", 0.30, "geo", 0.30, "title", 0.25, "description", 0.15);
        Map<String, Object> tree = with(defaultsTree(), "/category_weights", obj(
                "priority", List.of("Konzert", "fasnacht", "KONZERT", "fasnacht"),
                "overrides", obj("Konzert", weights, "konzert", weights, "Straße", weights, "STRASSE", weights)));

        Validated v = ConfigDocument.validate(tree);

        assertThat(v.config()).isNull();
        assertThat(v.violations()).containsExactlyInAnyOrder(
                new Violation("/category_weights/priority/2",
                        "names compare ignoring case: \"KONZERT\" is the same as \"Konzert\"; keep one"),
                new Violation("/category_weights/priority/3", "duplicate entry \"fasnacht\""),
                new Violation("/category_weights/overrides/konzert",
                        "names compare ignoring case: \"konzert\" is the same as \"Konzert\"; keep one"),
                new Violation("/category_weights/overrides/STRASSE",
                        "names compare ignoring case: \"STRASSE\" is the same as \"Straße\"; keep one"));
    }

    @Test
    void accepts_integers_for_decimal_fields_and_whole_decimals_for_integer_fields() {
        Map<String, Object> tree = with(defaultsTree(), "/geo/max_distance_km", 12);
        tree = with(tree, "/date/time_tolerance_minutes", new BigDecimal("20.0"));
        Validated v = ConfigDocument.validate(tree);
        assertThat(v.violations()).isEmpty();
        assertThat(v.config().geo().maxDistanceKm()).isEqualTo(12.0);
        assertThat(v.config().date().timeToleranceMinutes()).isEqualTo(20);
    }

    @Test
    void reports_every_type_error_with_its_path() {
        Map<String, Object> tree = with(defaultsTree(), "/date/time_tolerance_minutes", 1.5);
        tree = with(tree, "/ai/enabled", "yes");
        tree = with(tree, "/ai/model", 7);
        tree = with(tree, "/scoring", List.of());
        tree = with(tree, "/canonical/field_strategies/title", "union");
        tree = with(tree, "/geo/min_confidence", Double.NaN);
        tree = with(tree, "/geo/neutral_score", new BigDecimal("1e400"));

        Validated v = ConfigDocument.validate(tree);

        assertThat(v.config()).isNull();
        assertThat(v.violations()).extracting(Violation::path).containsExactlyInAnyOrder(
                "/date/time_tolerance_minutes", "/ai/enabled", "/ai/model", "/scoring",
                "/canonical/field_strategies/title", "/geo/min_confidence", "/geo/neutral_score");
        assertThat(v.violations()).filteredOn(x -> x.path().equals("/canonical/field_strategies/title"))
                .singleElement().extracting(Violation::message).asString()
                .contains("longest_non_generic").doesNotContain("intersection");
    }

    @Test
    void unknown_and_missing_fields_are_named() {
        Map<String, Object> tree = with(defaultsTree(), "/thresholds/hihg", 0.8);
        @SuppressWarnings("unchecked")
        Map<String, Object> scoring = (Map<String, Object>) tree.get("scoring");
        scoring.remove("geo");
        tree.put("api_key", "secret");

        Validated v = ConfigDocument.validate(tree);

        assertThat(v.violations()).containsExactlyInAnyOrder(
                new Violation("/thresholds/hihg", "unknown field"),
                new Violation("/api_key", "unknown field"),
                new Violation("/scoring/geo", "is required"));
    }

    @Test
    void enum_values_bind_to_their_constants() {
        Validated v = ConfigDocument.validate(with(defaultsTree(), "/canonical/field_strategies/location_city", "first"));
        assertThat(v.config().canonical().fieldStrategies().locationCity()).isEqualTo(TextStrategy.FIRST);
    }

    @Test
    void null_is_allowed_only_for_optional_objects() {
        assertThat(ConfigDocument.validate(with(defaultsTree(), "/blocking/bounding_box", null)).violations()).isEmpty();
        assertThat(ConfigDocument.validate(with(defaultsTree(), "/thresholds/high", null)).violations())
                .containsExactly(new Violation("/thresholds/high", "must not be null"));
    }
}
