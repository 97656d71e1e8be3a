package org.eventdedup.matching.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.eventdedup.matching.scoring.ConfigBuilder.aConfig;
import static org.eventdedup.matching.scoring.ListingBuilder.aListing;

import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.model.Tier;
import org.junit.jupiter.api.Test;

class PairScorerTest {

    private static PairDecision score(ListingBuilder a, ListingBuilder b, MatchingConfig config) {
        return new PairScorer(config).score(a.prepared(config), b.prepared(config));
    }

    private static PairDecision score(ListingBuilder a, ListingBuilder b) {
        return score(a, b, MatchingConfig.DEFAULT);
    }

    private static ListingBuilder concert(String id) {
        return aListing(id).title("Konzert im Stadtpark").on("2026-03-01", "19:00").geo(48.0, 7.85, 0.95)
                .description("Sommerkonzert mit dem Musikverein").city("Emmendingen");
    }

    @Test
    void two_identical_events_match_deterministically() { // E1 (the canonical part belongs to the synthesiser)
        PairDecision decision = score(concert("e1"), concert("e2"));
        assertThat(decision.signals().date()).isEqualTo(1.0);
        assertThat(decision.signals().geo()).isEqualTo(1.0);
        assertThat(decision.signals().title()).isEqualTo(1.0);
        assertThat(decision.signals().description()).isEqualTo(1.0);
        assertThat(decision.decision()).isEqualTo(Decision.MATCH);
        assertThat(decision.tier()).isEqualTo(Tier.DETERMINISTIC);
    }

    @Test
    void different_dates_places_and_titles_are_no_match() { // E2
        PairDecision decision = score(concert("e1"),
                aListing("e2").title("Flohmarkt am Rathaus").on("2026-03-02", "08:00").geo(48.3, 8.2, 0.95)
                        .description("Trödel und Antiquitäten").city("Emmendingen"));
        assertThat(decision.decision()).isEqualTo(Decision.NO_MATCH);
        assertThat(decision.score()).isLessThanOrEqualTo(0.35);
    }

    @Test
    void the_dialect_pair_of_e3_stays_ambiguous_now_through_the_title_veto() { // E3
        // B: title 0.4074 on raw text, combined 0.7472 < high -> ambiguous. Part A 1 compares "fastnachtumzug
        // nordweil" with "nordwiler narrenfahrplan mit umzug" (no " - " so no prefix strip): title 0.4211, combined
        // 0.7513 >= high, but the title is below the 0.45 veto, so the pair is still ambiguous (and goes to the AI).
        PairDecision decision = score(
                aListing("a").title("fasnetumzug nordweil").on("2026-02-12", "14:00").geo(48.19, 7.81, 1.0),
                aListing("b").title("nordwiler narrenfahrplan mit umzug").on("2026-02-12", "14:00").geo(48.19, 7.81, 1.0));
        assertThat(decision.signals().title()).isCloseTo(0.42105263157894735, within(1e-9));
        assertThat(decision.score()).isCloseTo(0.7513157894736842, within(1e-9));
        assertThat(decision.decision()).isEqualTo(Decision.AMBIGUOUS);
    }

    @Test
    void same_source_identical_events_match() { // E4 (the builder gives every listing the same source)
        assertThat(score(concert("x1"), concert("x2")).decision()).isEqualTo(Decision.MATCH);
    }

    @Test
    void a_very_high_threshold_leaves_similar_events_unmatched() { // E5
        PairDecision decision = score(concert("e1"), concert("e2").title("Konzert im Stadtpark Emmendingen"),
                aConfig().high(0.99).build());
        assertThat(decision.decision()).isNotEqualTo(Decision.MATCH);
    }

    @Test
    void orders_the_pair_by_id_code_points_and_is_symmetric() { // CP3 at pair level
        PreparedListing z = concert("z99").prepared();
        PreparedListing a = concert("a01").title("Stadtpark Konzert").prepared();
        PairScorer scorer = new PairScorer(MatchingConfig.DEFAULT);
        PairDecision forward = scorer.score(z, a);
        assertThat(forward.a()).isEqualTo("a01");
        assertThat(forward.b()).isEqualTo("z99");
        assertThat(scorer.score(a, z)).isEqualTo(forward);
    }

    @Test
    void uses_category_weights_for_the_combined_score() {
        MatchingConfig config = aConfig().shippedCategoryWeights().build();
        ListingBuilder a = concert("a").categories("fasnacht").title("Narrensprung");
        ListingBuilder b = concert("b").categories("fasnacht", "kinder").title("Kinderball");
        PairDecision decision = score(a, b, config);
        var s = decision.signals();
        assertThat(decision.score()).isCloseTo(
                (0.30 * s.date() + 0.30 * s.geo() + 0.25 * s.title() + 0.15 * s.description()) / 1.0, within(1e-12));
        assertThat(decision.score()).isNotEqualTo(score(a, b).score());
    }

    @Test
    void applies_a_category_override_written_in_another_case_than_the_listings() {
        MatchingConfig config = aConfig().priority("Konzert").override("Konzert", 0.30, 0.30, 0.25, 0.15).build();
        ListingBuilder a = concert("a").categories("konzert").title("Narrensprung");
        ListingBuilder b = concert("b").categories("KONZERT").title("Kinderball");
        PairDecision decision = score(a, b, config);
        var s = decision.signals();
        assertThat(decision.score()).isCloseTo(
                0.30 * s.date() + 0.30 * s.geo() + 0.25 * s.title() + 0.15 * s.description(), within(1e-12));
        assertThat(decision.score()).isNotEqualTo(score(a, b).score());
    }

    @Test
    void refuses_to_pair_a_listing_with_itself() {
        PreparedListing a = concert("a").prepared();
        assertThatThrownBy(() -> new PairScorer(MatchingConfig.DEFAULT).score(a, a))
                .hasMessageContaining("itself");
    }

    @Test
    void the_test_config_builder_starts_from_the_built_in_defaults() {
        assertThat(aConfig().build()).isEqualTo(MatchingConfig.DEFAULT);
    }
}
