package org.eventdedup.matching.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.eventdedup.matching.scoring.ConfigBuilder.aConfig;

import java.util.Set;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.ScoringWeights;
import org.eventdedup.config.domain.model.Thresholds;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CombinerAndDecisionTest {

    @Test
    void combines_the_signals_as_a_weighted_mean() {
        ScoringWeights defaults = ScoringWeights.DEFAULT;
        assertThat(CombinedScore.combine(defaults, new Signals(1, 1, 1, 1))).isCloseTo(1.0, within(1e-12)); // K1
        assertThat(CombinedScore.combine(defaults, new Signals(0, 0, 0, 0))).isEqualTo(0.0);
        assertThat(CombinedScore.combine(defaults, new Signals(1, 0, 1, 0))).isCloseTo(0.60, within(1e-12)); // K2
        assertThat(CombinedScore.combine(new ScoringWeights(0.5, 0.5, 0, 0), new Signals(0.8, 0.6, 0.9, 0.1)))
                .isCloseTo(0.70, within(1e-12)); // K3
        assertThat(CombinedScore.combine(new ScoringWeights(1, 1, 1, 1), new Signals(0.8, 0.6, 0.4, 0.2)))
                .isCloseTo(0.5, within(1e-12)); // K4
        assertThat(CombinedScore.combine(new ScoringWeights(0, 0, 0, 0), new Signals(0.8, 0.6, 0.4, 0.2)))
                .isEqualTo(0.0);
    }

    @Test
    void the_worked_example_of_spec_6_3_is_vetoed_to_ambiguous() {
        double combined = CombinedScore.combine(ScoringWeights.DEFAULT, new Signals(1.0, 1.0, 0.2553, 1.0));
        assertThat(combined).isCloseTo(0.7766, within(1e-4));
        assertThat(new DecisionRule(Thresholds.DEFAULT).decide(combined, 0.2553)).isEqualTo(Decision.AMBIGUOUS);
    }

    @ParameterizedTest(name = "{3}/{4}/veto {5}: combined {0}, title {1} -> {2}")
    @CsvSource({
            // K5 (title 1.0, no veto)
            "0.80, 1.0, MATCH,     0.75, 0.35, 0.45",
            "0.20, 1.0, NO_MATCH,  0.75, 0.35, 0.45",
            "0.50, 1.0, AMBIGUOUS, 0.75, 0.35, 0.45",
            "0.75, 1.0, MATCH,     0.75, 0.35, 0.45",
            "0.35, 1.0, NO_MATCH,  0.75, 0.35, 0.45",
            "0.36, 1.0, AMBIGUOUS, 0.75, 0.35, 0.45",
            "0.74, 1.0, AMBIGUOUS, 0.75, 0.35, 0.45",
            // K6
            "0.85, 1.0, AMBIGUOUS, 0.90, 0.10, 0.45",
            "0.90, 1.0, MATCH,     0.90, 0.10, 0.45",
            "0.10, 1.0, NO_MATCH,  0.90, 0.10, 0.45",
            "0.05, 1.0, NO_MATCH,  0.90, 0.10, 0.45",
            // K7: the veto uses a strict <
            "0.80, 0.20, AMBIGUOUS, 0.75, 0.35, 0.45",
            "0.80, 0.50, MATCH,     0.75, 0.35, 0.45",
            "0.80, 0.45, MATCH,     0.75, 0.35, 0.45",
            // K8: the veto only caps matches
            "0.20, 0.10, NO_MATCH,  0.75, 0.35, 0.45",
            "0.50, 0.10, AMBIGUOUS, 0.75, 0.35, 0.45",
            // K9
            "0.80, 0.10, MATCH,     0.75, 0.35, 0.0",
            "0.80, 0.40, AMBIGUOUS, 0.75, 0.35, 0.50",
            "0.80, 0.50, MATCH,     0.75, 0.35, 0.50",
    })
    void decides_per_spec_6_3(double combined, double title, Decision expected, double high, double low, double veto) {
        assertThat(new DecisionRule(new Thresholds(high, low, veto)).decide(combined, title)).isEqualTo(expected);
    }

    private static final MatchingConfig SHIPPED = aConfig().shippedCategoryWeights().build();

    private static ScoringWeights weights(MatchingConfig config, Set<String> a, Set<String> b) {
        return new WeightResolver(config.scoring(), config.categoryWeights()).resolve(a, b);
    }

    @Test
    void uses_the_override_of_a_shared_category() { // W1
        ScoringWeights w = weights(SHIPPED, Set.of("fasnacht", "kinder"), Set.of("fasnacht"));
        assertThat(w.title()).isEqualTo(0.25);
        assertThat(w.geo()).isEqualTo(0.30);
    }

    @Test
    void falls_back_to_the_main_weights() { // W2
        assertThat(weights(SHIPPED, Set.of("kinder"), Set.of("fasnacht"))).isEqualTo(SHIPPED.scoring());
        assertThat(weights(SHIPPED, Set.of(), Set.of("fasnacht"))).isEqualTo(SHIPPED.scoring());
        MatchingConfig noPriority = aConfig().override("fasnacht", 0.3, 0.3, 0.25, 0.15).build();
        assertThat(weights(noPriority, Set.of("fasnacht"), Set.of("fasnacht"))).isEqualTo(noPriority.scoring());
        MatchingConfig noOverride = aConfig().priority("kinder").build();
        assertThat(weights(noOverride, Set.of("kinder"), Set.of("kinder"))).isEqualTo(noOverride.scoring());
    }

    @Test
    void the_first_category_in_priority_wins() { // W3
        Set<String> both = Set.of("versammlung", "fasnacht");
        assertThat(weights(SHIPPED, both, both).title()).isEqualTo(0.25);
        MatchingConfig reversed = aConfig().priority("versammlung", "fasnacht")
                .override("fasnacht", 0.30, 0.30, 0.25, 0.15).override("versammlung", 0.25, 0.20, 0.40, 0.15).build();
        assertThat(weights(reversed, both, both).title()).isEqualTo(0.40);
    }

    @Test
    void compares_category_names_ignoring_case() {
        MatchingConfig konzert = aConfig().priority("Konzert").override("Konzert", 0.30, 0.30, 0.25, 0.15).build();
        assertThat(weights(konzert, Set.of("konzert"), Set.of("KONZERT")).title()).isEqualTo(0.25);
        assertThat(new WeightResolver(konzert.scoring(), konzert.categoryWeights())
                .category(Set.of("konzert"), Set.of("Konzert"))).isEqualTo("Konzert");
        assertThat(weights(SHIPPED, Set.of("Fasnacht"), Set.of("FASNACHT")).title()).isEqualTo(0.25);
    }

    @Test
    void folds_case_fully_so_sharp_s_matches_ss() {
        MatchingConfig config = aConfig().priority("STRASSENFEST").override("STRASSENFEST", 0.30, 0.30, 0.25, 0.15)
                .build();
        assertThat(weights(config, Set.of("Straßenfest"), Set.of("strassenfest")).title()).isEqualTo(0.25);
    }

    @Test
    void finds_the_override_of_a_priority_entry_spelt_in_another_case() {
        MatchingConfig config = aConfig().priority("fasnacht").override("Fasnacht", 0.30, 0.30, 0.25, 0.15).build();
        assertThat(weights(config, Set.of("fasnacht"), Set.of("fasnacht")).title()).isEqualTo(0.25);
        assertThat(new WeightResolver(config.scoring(), config.categoryWeights()).categories())
                .containsExactly("Fasnacht");
    }

    @Test
    void skips_a_priority_category_without_override() {
        MatchingConfig config = aConfig().priority("kinder", "fasnacht").override("fasnacht", 0.3, 0.3, 0.25, 0.15)
                .build();
        Set<String> both = Set.of("kinder", "fasnacht");
        assertThat(weights(config, both, both).title()).isEqualTo(0.25);
    }
}
