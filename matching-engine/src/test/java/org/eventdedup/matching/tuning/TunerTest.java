package org.eventdedup.matching.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.ScoringWeights;
import org.eventdedup.config.domain.rule.ConfigDocument;
import org.eventdedup.config.domain.rule.MergePatch;
import org.eventdedup.config.domain.rule.Validated;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.scoring.ConfigBuilder;
import org.eventdedup.matching.scoring.ListingBuilder;
import org.eventdedup.matching.scoring.SpecLexicon;
import org.junit.jupiter.api.Test;

class TunerTest {

    private static final LabelledFixture.Data DATA = LabelledFixture.generate(3, 90);
    /** Too strict: only same-event pairs with a trusted point on both sides and the same title reach 0.9. */
    private static final MatchingConfig STRICT = ConfigBuilder.aConfig().high(0.9).shippedCategoryWeights().build();
    private static final TunerSettings SETTINGS = TunerSettings.DEFAULT.withFolds(3).withSeed(11);

    private final Tuner tuner = new Tuner(SpecLexicon.LEXICON);

    @Test
    void finds_a_lower_match_threshold_when_the_current_one_misses_same_event_pairs() {
        Suggestion s = tuner.suggest(DATA.listings(), DATA.truth(), STRICT, Objective.F1, SETTINGS);

        assertThat(s.before().recall()).isLessThan(0.7);
        assertThat(s.after().f1()).isGreaterThan(s.before().f1() + 0.1);
        assertThat(s.config().thresholds().high()).isLessThan(0.9);
        assertThat(s.patch()).containsKey("thresholds");
        assertThat(s.folds()).isEqualTo(3);
        assertThat(s.labels().labelledListings()).isEqualTo(DATA.listings().size());
        assertThat(s.labels().groups()).isEqualTo(90);
    }

    @Test
    void the_same_seed_gives_the_same_suggestion_whatever_the_thread_count() {
        Suggestion one = tuner.suggest(DATA.listings(), DATA.truth(), STRICT, Objective.F1, SETTINGS);
        Suggestion again = tuner.suggest(DATA.listings(), DATA.truth(), STRICT, Objective.F1, SETTINGS);
        Suggestion twoThreads = tuner.suggest(DATA.listings(), DATA.truth(), STRICT, Objective.F1,
                SETTINGS.withThreads(2));

        assertThat(again.document()).isEqualTo(one.document());
        assertThat(twoThreads.document()).isEqualTo(one.document());
    }

    @Test
    void every_weight_set_of_the_suggestion_sums_to_one() {
        for (Objective objective : List.of(Objective.F1, Objective.parse("recall@p=0.9"))) {
            MatchingConfig c = tuner.suggest(DATA.listings(), DATA.truth(), STRICT, objective, SETTINGS).config();
            assertThat(c.scoring().sum()).isCloseTo(1.0, within(1e-9));
            for (ScoringWeights w : c.categoryWeights().overrides().values()) {
                assertThat(w.sum()).isCloseTo(1.0, within(1e-9));
            }
        }
    }

    @Test
    void the_patch_holds_only_changed_fields_and_turns_the_current_document_into_the_suggested_config() {
        Suggestion s = tuner.suggest(DATA.listings(), DATA.truth(), STRICT, Objective.parse("recall@p=0.9"),
                SETTINGS);

        assertThat(s.changes()).isNotEmpty().allSatisfy(c -> assertThat(c.after()).isNotEqualTo(c.before()));
        assertThat(leaves(s.patch())).isEqualTo(s.changes().size());
        Validated patched = ConfigDocument.validate(MergePatch.apply(ConfigDocument.toTree(STRICT), s.patch(), null));
        assertThat(patched.violations()).isEmpty();
        assertThat(patched.config()).isEqualTo(s.config());
    }

    @Test
    void keeps_a_config_that_already_decides_every_pair_right() {
        List<Listing> listings = List.of(
                ListingBuilder.aListing("a1").title("Orgelkonzert im Münster").city("Freiburg").on("2026-03-01").build(),
                ListingBuilder.aListing("a2").title("Orgelkonzert im Münster").city("Freiburg").on("2026-03-01").build(),
                ListingBuilder.aListing("b1").title("Flohmarkt am Rathausplatz").city("Freiburg").on("2026-03-01").build(),
                ListingBuilder.aListing("b2").title("Flohmarkt am Rathausplatz").city("Freiburg").on("2026-03-01").build(),
                ListingBuilder.aListing("c1").title("Jazzabend Blue Note").city("Freiburg").on("2026-03-01").build(),
                ListingBuilder.aListing("c2").title("Jazzabend Blue Note").city("Freiburg").on("2026-03-01").build());
        GroundTruth truth = GroundTruth.fromTree(Map.of("entities",
                Map.of("A", List.of("a1", "a2"), "B", List.of("b1", "b2"), "C", List.of("c1", "c2"))));

        Suggestion s = tuner.suggest(listings, truth, MatchingConfig.DEFAULT, Objective.F1, SETTINGS);

        assertThat(s.before().f1()).isEqualTo(1.0);
        assertThat(s.changes()).isEmpty();
        assertThat(s.patch()).isEmpty();
        assertThat(s.after()).isEqualTo(s.before());
    }

    @Test
    void refuses_labels_with_fewer_groups_than_folds() {
        List<Listing> listings = List.of(
                ListingBuilder.aListing("a1").city("Freiburg").on("2026-03-01").build(),
                ListingBuilder.aListing("a2").city("Freiburg").on("2026-03-01").build());
        GroundTruth truth = GroundTruth.fromTree(Map.of("pairs", List.of(List.of("a1", "a2"))));

        assertThatThrownBy(() -> tuner.suggest(listings, truth, MatchingConfig.DEFAULT, Objective.F1, SETTINGS))
                .isInstanceOf(TuningException.class).hasMessageContaining("1 groups").hasMessageContaining("3 folds");
    }

    @Test
    void refuses_labels_without_a_same_event_pair_among_the_listings() {
        List<Listing> listings = List.of(ListingBuilder.aListing("a1").city("Freiburg").on("2026-03-01").build());
        GroundTruth truth = GroundTruth.fromTree(Map.of("pairs", List.of(List.of("x1", "x2"))));

        assertThatThrownBy(() -> tuner.suggest(listings, truth, MatchingConfig.DEFAULT, Objective.F1, SETTINGS))
                .isInstanceOf(TuningException.class).hasMessageContaining("no same-event pair");
    }

    @Test
    void the_current_figures_are_those_of_the_current_config_on_every_labelled_pair() {
        Suggestion s = tuner.suggest(DATA.listings(), DATA.truth(), STRICT, Objective.F1, SETTINGS);
        SignalColumns columns = SignalColumns.extract(DATA.listings(), DATA.truth(), STRICT, SpecLexicon.LEXICON, 3,
                1L, new Parallel(null));
        TrialScorer.Counts all = new TrialScorer(columns, java.util.stream.IntStream.range(0, columns.size).toArray(),
                columns.truePairs(), 0.9).counts(STRICT);

        assertThat(new TrialScorer.Counts(s.before().tp(), s.before().fp(), s.before().fn())).isEqualTo(all);
    }

    private static int leaves(Map<?, ?> map) {
        int n = 0;
        for (Object v : map.values()) {
            n += v instanceof Map<?, ?> m ? leaves(m) : 1;
        }
        return n;
    }
}
