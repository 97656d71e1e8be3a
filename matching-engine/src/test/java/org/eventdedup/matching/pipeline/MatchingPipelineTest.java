package org.eventdedup.matching.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.eventdedup.matching.scoring.ConfigBuilder.aConfig;
import static org.eventdedup.matching.scoring.ListingBuilder.aListing;

import java.util.ArrayList;
import java.util.List;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.matching.canonical.CanonicalEvent;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.model.Tier;
import org.eventdedup.matching.port.AiCandidate;
import org.eventdedup.matching.port.AiVerdict;
import org.eventdedup.matching.port.AmbiguousPairResolver;
import org.eventdedup.matching.scoring.ListingBuilder;
import org.eventdedup.matching.scoring.SpecLexicon;
import org.junit.jupiter.api.Test;

/** Pipeline and end-to-end examples of matching-spec B §14 (E1–E7), adjusted where Part A changes the outcome. */
class MatchingPipelineTest {

    private static final SecretString KEY = SecretString.of("test-key");

    private static MatchResult run(MatchingConfig config, ListingBuilder... builders) {
        List<Listing> listings = new ArrayList<>();
        for (ListingBuilder builder : builders) {
            listings.add(builder.build());
        }
        return new MatchingPipeline(SpecLexicon.LEXICON, null, 1).run(listings, config, null);
    }

    private static MatchResult run(ListingBuilder... builders) {
        return run(MatchingConfig.DEFAULT, builders);
    }

    private static ListingBuilder concert(String id) {
        return aListing(id).title("Konzert im Stadtpark").on("2026-03-01", "19:00").geo(48.0, 7.85, 0.95)
                .description("Sommerkonzert mit dem Musikverein").city("Emmendingen");
    }

    @Test
    void two_identical_events_give_one_deterministic_match_and_one_canonical_of_two_sources() { // E1
        MatchResult result = run(concert("e1"), concert("e2"));

        assertThat(result.decisions()).hasSize(1);
        PairDecision decision = result.decisions().get(0);
        assertThat(decision.decision()).isEqualTo(Decision.MATCH);
        assertThat(decision.tier()).isEqualTo(Tier.DETERMINISTIC);
        assertThat(decision.signals().date()).isEqualTo(1.0);
        assertThat(decision.signals().geo()).isEqualTo(1.0);
        assertThat(decision.signals().title()).isEqualTo(1.0);
        assertThat(result.canonicalEvents()).singleElement()
                .satisfies(c -> assertThat(c.sourceCount()).isEqualTo(2));
        assertThat(result.clusters()).containsExactly(List.of("e1", "e2"));
    }

    @Test
    void a_pair_in_one_block_with_other_times_places_and_titles_is_no_match() { // E2
        // B's E2 puts events with different dates into one block by hand; here blocking is computed, and keys carry
        // the date, so events on different dates are never paired at all. The pair below shares a block (same
        // date, same city) but differs in start time (> 2 h), place and title.
        MatchResult result = run(
                concert("e1"),
                aListing("e2").title("Flohmarkt am Rathaus").on("2026-03-01", "08:00").geo(48.3, 8.2, 0.95)
                        .description("Trödel und Antiquitäten").city("Emmendingen"),
                aListing("e3").title("Flohmarkt am Rathaus").on("2026-03-02", "08:00").city("Emmendingen"));

        assertThat(result.decisions()).singleElement().satisfies(d -> {
            assertThat(d.a()).isEqualTo("e1");
            assertThat(d.b()).isEqualTo("e2");
            assertThat(d.decision()).isEqualTo(Decision.NO_MATCH);
            assertThat(d.score()).isLessThanOrEqualTo(0.35);
        });
        assertThat(result.stats().blockedPairs()).isEqualTo(1);
        assertThat(result.stats().totalPossiblePairs()).isEqualTo(3);
    }

    @Test
    void the_dialect_pair_is_ambiguous_through_the_title_veto() { // E3
        // B: title 0.4074 on raw text, combined 0.7472 -> ambiguous. Part A 1 scores the normalised titles: title
        // 0.4211, combined 0.7513 >= high, but the title is below the 0.45 veto, so the pair is still ambiguous.
        MatchResult result = run(
                aListing("a").title("fasnetumzug nordweil").on("2026-02-12", "14:00").geo(48.19, 7.81, 1.0),
                aListing("b").title("nordwiler narrenfahrplan mit umzug").on("2026-02-12", "14:00")
                        .geo(48.19, 7.81, 1.0));

        PairDecision decision = result.decisions().get(0);
        assertThat(decision.decision()).isEqualTo(Decision.AMBIGUOUS);
        assertThat(decision.score()).isCloseTo(0.7513157894736842, within(1e-9));
        assertThat(result.canonicalEvents()).hasSize(2);
    }

    @Test
    void identical_events_of_one_source_match() { // E4 (the builder gives every listing the same source)
        assertThat(run(concert("x1"), concert("x2")).stats().matchCount()).isEqualTo(1);
    }

    @Test
    void a_very_high_threshold_leaves_similar_events_unmatched() { // E5
        MatchResult result = run(aConfig().high(0.99).build(),
                concert("e1"), concert("e2").title("Konzert im Stadtpark Emmendingen"),
                concert("e3").title("Stadtpark-Konzert"));

        assertThat(result.stats().matchCount()).isZero();
        assertThat(result.clusters()).hasSize(3);
    }

    @Test
    void decision_counts_add_up_to_the_decisions_which_equal_the_blocked_pairs() { // E6
        MatchResult result = run(concert("e1"), concert("e2"), concert("e3").title("Flohmarkt am Rathaus"),
                aListing("e4").title("fasnetumzug nordweil").on("2026-03-01", "14:00").city("Emmendingen"),
                aListing("e5").title("Lesung").on("2026-03-05").city("Waldkirch"));
        MatchStats stats = result.stats();

        assertThat(stats.matchCount() + stats.ambiguousCount() + stats.noMatchCount())
                .isEqualTo(result.decisions().size()).isEqualTo((int) stats.blockedPairs()).isEqualTo(6);
        assertThat(stats.matchCount()).isPositive();
        assertThat(stats.noMatchCount()).isPositive();
        assertThat(stats.totalEvents()).isEqualTo(5);
        assertThat(stats.reductionPct()).isCloseTo(40.0, within(1e-9));
    }

    @Test
    void matches_close_transitively_and_two_pairs_give_two_canonicals() { // E7
        // a runs on three days (date 1/3 with b and c), c is 5 km away (geo 0.5): a-b 0.80 and b-c 0.875 match,
        // a-c (0.675) alone is ambiguous, yet all three end up in one cluster.
        MatchResult chain = run(
                concert("a").on("2026-03-02", "19:00").on("2026-03-03", "19:00"),
                concert("b"),
                concert("c").geo(48.045, 7.85, 0.95));
        assertThat(chain.decisions()).extracting(d -> d.a() + d.b() + ":" + d.decision().jsonName())
                .containsExactly("ab:match", "ac:ambiguous", "bc:match");
        assertThat(chain.clusters()).containsExactly(List.of("a", "b", "c"));
        assertThat(chain.canonicalEvents()).singleElement()
                .satisfies(c -> assertThat(c.sourceCount()).isEqualTo(3));

        MatchResult pairs = run(concert("p1"), concert("p2"),
                aListing("q1").title("Flohmarkt am Rathaus").on("2026-03-01", "08:00").city("Waldkirch"),
                aListing("q2").title("Flohmarkt am Rathaus").on("2026-03-01", "08:00").city("Waldkirch"));
        assertThat(pairs.canonicalEvents()).hasSize(2)
                .allSatisfy(c -> assertThat(c.sourceCount()).isEqualTo(2));
        assertThat(pairs.stats().canonicalCount()).isEqualTo(2);
        assertThat(pairs.stats().clusterCount()).isEqualTo(2);
        assertThat(pairs.stats().singletonCount()).isZero();
    }

    @Test
    void decisions_are_sorted_by_id_in_code_point_order() {
        MatchResult result = run(concert("b"), concert("\uD83C\uDF89"), concert("\uFB01"), concert("a"));

        List<String> pairs = result.decisions().stream().map(d -> d.a() + "|" + d.b()).toList();
        // U+FB01 sorts before the surrogate pair by code point, after it by UTF-16 unit
        assertThat(pairs).containsExactly("a|b", "a|\uFB01", "a|\uD83C\uDF89", "b|\uFB01", "b|\uD83C\uDF89",
                "\uFB01|\uD83C\uDF89");
    }

    @Test
    void flagged_clusters_become_canonicals_that_need_review_after_the_valid_ones() {
        MatchingConfig config = aConfig().build();
        MatchingConfig small = new MatchingConfig(config.scoring(), config.thresholds(), config.geo(), config.date(),
                config.title(), new org.eventdedup.config.domain.model.ClusterConfig(2, 0.40, 3), config.canonical(),
                config.ai(), config.categoryWeights(), config.blocking());
        MatchResult result = run(small, concert("a"), concert("b"), concert("c"), concert("z").title("Lesung"));

        assertThat(result.flagged()).containsExactly(List.of("a", "b", "c"));
        assertThat(result.clusters()).containsExactly(List.of("z"));
        assertThat(result.canonicalEvents()).extracting(CanonicalEvent::needsReview).containsExactly(false, true);
        assertThat(result.stats().flaggedCount()).isEqualTo(1);
    }

    @Test
    void the_ai_tier_resolves_ambiguous_pairs_and_marks_the_canonical_ai_assisted() { // A10 without the cache
        List<List<AiCandidate>> calls = new ArrayList<>();
        AmbiguousPairResolver resolver = (candidates, config, key) -> {
            calls.add(candidates);
            return candidates.stream()
                    .map(c -> new AiVerdict(c.decision().a(), c.decision().b(), "same", 0.9)).toList();
        };
        MatchingConfig config = withAi(true);
        List<Listing> listings = List.of(
                aListing("a").title("fasnetumzug nordweil").on("2026-02-12", "14:00").geo(48.19, 7.81, 1.0).build(),
                aListing("b").title("nordwiler narrenfahrplan mit umzug").on("2026-02-12", "14:00")
                        .geo(48.19, 7.81, 1.0).build());

        MatchResult result = new MatchingPipeline(SpecLexicon.LEXICON, resolver, 2).run(listings, config, KEY);

        assertThat(calls).hasSize(1);
        assertThat(result.decisions().get(0).decision()).isEqualTo(Decision.MATCH);
        assertThat(result.decisions().get(0).tier()).isEqualTo(Tier.AI);
        assertThat(result.canonicalEvents()).singleElement().satisfies(c -> assertThat(c.aiAssisted()).isTrue());
        assertThat(result.stats().aiStatus()).isEqualTo(AiStatus.RESOLVED);
        assertThat(result.stats().aiCandidates()).isEqualTo(1);
        assertThat(result.stats().aiChanged()).isEqualTo(1);
        assertThat(result.stats().matchCount()).isEqualTo(1);
        assertThat(result.stats().ambiguousCount()).isZero();
    }

    @Test
    void the_ai_tier_does_not_run_without_enabled_key_or_resolver() {
        List<Listing> listings = List.of(concert("a").build(), concert("b").title("Stadtpark").build());
        AmbiguousPairResolver failing = (c, config, key) -> {
            throw new AssertionError("must not be called");
        };

        assertThat(new MatchingPipeline(SpecLexicon.LEXICON, failing, 1).run(listings, withAi(false), KEY)
                .stats().aiStatus()).isEqualTo(AiStatus.DISABLED);
        assertThat(new MatchingPipeline(SpecLexicon.LEXICON, failing, 1).run(listings, withAi(true), null)
                .stats().aiStatus()).isEqualTo(AiStatus.NO_API_KEY);
        MatchResult noResolver = new MatchingPipeline(SpecLexicon.LEXICON, null, 1).run(listings, withAi(true), KEY);
        assertThat(noResolver.stats().aiStatus()).isEqualTo(AiStatus.NO_RESOLVER);
        assertThat(noResolver.warnings()).singleElement().asString().contains("no AI resolver");
    }

    @Test
    void an_empty_input_gives_zero_figures() { // CP6 at pipeline level
        MatchResult result = new MatchingPipeline(SpecLexicon.LEXICON, null, 2)
                .run(List.of(), MatchingConfig.DEFAULT, null);

        assertThat(result.decisions()).isEmpty();
        assertThat(result.canonicalEvents()).isEmpty();
        assertThat(result.stats().totalEvents()).isZero();
        assertThat(result.stats().reductionPct()).isZero();
    }

    @Test
    void listings_sharing_an_id_are_refused() {
        assertThatThrownBy(() -> run(concert("a"), concert("a"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate listing id: a");
    }

    @Test
    void needs_at_least_one_thread() {
        assertThatThrownBy(() -> new MatchingPipeline(SpecLexicon.LEXICON, null, 0))
                .hasMessageContaining("threads must be at least 1, was 0");
    }

    private static MatchingConfig withAi(boolean enabled) {
        MatchingConfig d = MatchingConfig.DEFAULT;
        return new MatchingConfig(d.scoring(), d.thresholds(), d.geo(), d.date(), d.title(), d.cluster(),
                d.canonical(), d.ai().withEnabled(enabled), d.categoryWeights(), d.blocking());
    }
}
