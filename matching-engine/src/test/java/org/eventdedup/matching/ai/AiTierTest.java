package org.eventdedup.matching.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eventdedup.config.domain.model.AiConfig;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.model.Signals;
import org.eventdedup.matching.model.Tier;
import org.eventdedup.matching.port.AiCandidate;
import org.eventdedup.matching.port.AiResolution;
import org.eventdedup.matching.port.AiUsage;
import org.eventdedup.matching.port.AiVerdict;
import org.eventdedup.matching.port.AmbiguousPairResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AiTierTest {

    private static final SecretString KEY = SecretString.of("test-key");
    private static final AiConfig ENABLED = AiConfig.DEFAULT.withEnabled(true);

    private final FakePairResolver resolver = new FakePairResolver();
    private final AiTier tier = new AiTier(resolver);
    private final Map<String, Listing> listings = listings("a", "b", "c", "d", "e", "f", "g", "h");

    static Stream<Arguments> verdictTable() { // B §7.4 and §14 A1
        return Stream.of(
                Arguments.of("same", 0.9, Decision.MATCH, Tier.AI),
                Arguments.of("different", 0.8, Decision.NO_MATCH, Tier.AI),
                Arguments.of("same", 0.3, Decision.AMBIGUOUS, Tier.AI_LOW_CONFIDENCE),
                Arguments.of("different", 0.59, Decision.AMBIGUOUS, Tier.AI_LOW_CONFIDENCE),
                Arguments.of("same", 0.6, Decision.MATCH, Tier.AI),
                Arguments.of("maybe", 0.9, Decision.AMBIGUOUS, Tier.AI_UNEXPECTED),
                Arguments.of("Same", 0.9, Decision.AMBIGUOUS, Tier.AI_UNEXPECTED),
                Arguments.of("maybe", 0.1, Decision.AMBIGUOUS, Tier.AI_LOW_CONFIDENCE),
                Arguments.of("same", Double.NaN, Decision.AMBIGUOUS, Tier.AI_LOW_CONFIDENCE));
    }

    @ParameterizedTest(name = "{0} at {1} -> {2}/{3}")
    @MethodSource("verdictTable")
    void a_verdict_is_applied_through_the_confidence_gate(String answer, double confidence, Decision decision,
                                                         Tier expectedTier) {
        PairDecision pair = ambiguous("a", "b", 0.70);
        resolver.answer("a", "b", answer, confidence);

        AiTierResult result = tier.apply(List.of(pair), listings, ENABLED, KEY);

        PairDecision after = result.decisions().get(0);
        assertThat(after.decision()).isEqualTo(decision);
        assertThat(after.tier()).isEqualTo(expectedTier);
        assertThat(after.signals()).isEqualTo(pair.signals());
        assertThat(after.score()).isEqualTo(pair.score());
        assertThat(result.status()).isEqualTo(AiTierResult.Status.RESOLVED);
        assertThat(result.verdictCount()).isEqualTo(1);
        assertThat(result.decisionsChanged()).isEqualTo(decision != Decision.AMBIGUOUS);
    }

    @Test
    void a_confident_answer_from_the_cache_gets_tier_ai_cached_and_a_weak_one_stays_low_confidence() {
        PairDecision pair = ambiguous("a", "b", 0.70);
        PairDecision other = ambiguous("c", "d", 0.70);
        resolver.alsoReturn(new AiVerdict("a", "b", "same", 0.9, true))
                .alsoReturn(new AiVerdict("c", "d", "different", 0.2, true));

        AiTierResult result = tier.apply(List.of(pair, other), listings, ENABLED, KEY);

        assertThat(result.decisions()).extracting(PairDecision::decision, PairDecision::tier).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Decision.MATCH, Tier.AI_CACHED),
                org.assertj.core.groups.Tuple.tuple(Decision.AMBIGUOUS, Tier.AI_LOW_CONFIDENCE));
        assertThat(Tier.AI_CACHED.isAi()).isTrue();
        assertThat(Tier.AI_CACHED.jsonName()).isEqualTo("ai_cached");
    }

    @Test
    void without_ambiguous_decisions_the_resolver_is_not_called() { // A2
        List<PairDecision> decisions = List.of(match("a", "b", 0.9), noMatch("c", "d", 0.2));

        AiTierResult result = tier.apply(decisions, listings, ENABLED, KEY);

        assertThat(resolver.calls).isEmpty();
        assertThat(result.decisions()).isEqualTo(decisions);
        assertThat(result.status()).isEqualTo(AiTierResult.Status.NO_CANDIDATES);
    }

    @Test
    void only_the_ambiguous_pair_goes_to_the_resolver_with_both_listings() { // A3
        List<PairDecision> decisions = List.of(match("a", "b", 0.9), ambiguous("c", "d", 0.7),
                noMatch("e", "f", 0.2));
        resolver.answer("c", "d", "same", 0.9);

        AiTierResult result = tier.apply(decisions, listings, ENABLED, KEY);

        assertThat(resolver.calls).singleElement().satisfies(call -> assertThat(call).singleElement()
                .satisfies(c -> {
                    assertThat(c.decision()).isEqualTo(decisions.get(1));
                    assertThat(c.a()).isSameAs(listings.get("c"));
                    assertThat(c.b()).isSameAs(listings.get("d"));
                }));
        assertThat(resolver.lastKey).isSameAs(KEY);
        assertThat(resolver.lastConfig).isSameAs(ENABLED);
        assertThat(result.decisions()).extracting(PairDecision::decision)
                .containsExactly(Decision.MATCH, Decision.MATCH, Decision.NO_MATCH);
        assertThat(result.candidateCount()).isEqualTo(1);
        assertThat(result.changedCount()).isEqualTo(1);
    }

    @Test
    void a_failing_resolver_leaves_every_pair_as_it_was() { // A4
        List<PairDecision> decisions = List.of(ambiguous("a", "b", 0.7), ambiguous("c", "d", 0.7));
        resolver.failWith(new IllegalStateException("HTTP 503"));

        AiTierResult result = tier.apply(decisions, listings, ENABLED, KEY);

        assertThat(result.decisions()).isEqualTo(decisions);
        assertThat(result.status()).isEqualTo(AiTierResult.Status.RESOLVER_FAILED);
        assertThat(result.candidateCount()).isEqualTo(2);
        assertThat(result.warnings()).singleElement().asString().contains("2 pairs stay ambiguous", "HTTP 503");
    }

    @Test
    void a_pair_without_a_verdict_stays_as_it_was() {
        List<PairDecision> decisions = List.of(ambiguous("a", "b", 0.7), ambiguous("c", "d", 0.7));
        resolver.answer("c", "d", "different", 0.9);

        AiTierResult result = tier.apply(decisions, listings, ENABLED, KEY);

        assertThat(result.decisions().get(0)).isEqualTo(decisions.get(0));
        assertThat(result.decisions().get(1).decision()).isEqualTo(Decision.NO_MATCH);
        assertThat(result.verdictCount()).isEqualTo(1);
    }

    @Test
    void decisions_keep_their_original_order() {
        // The earlier service moved the candidates behind the other decisions (B §7.2); Part A keeps the order.
        List<PairDecision> decisions = List.of(ambiguous("a", "b", 0.7), match("a", "c", 0.9),
                ambiguous("b", "c", 0.7), noMatch("d", "e", 0.1), ambiguous("e", "f", 0.7));
        resolver.answer("a", "b", "same", 0.9).answer("b", "c", "different", 0.9).answer("e", "f", "same", 0.2);

        AiTierResult result = tier.apply(decisions, listings, ENABLED, KEY);

        assertThat(result.decisions()).extracting(d -> d.a() + d.b() + ":" + d.decision().jsonName() + "/"
                + d.tier().jsonName()).containsExactly("ab:match/ai", "ac:match/deterministic",
                "bc:no_match/ai", "de:no_match/deterministic", "ef:ambiguous/ai_low_confidence");
    }

    @Test
    void a_verdict_naming_the_pair_in_reverse_order_is_applied() {
        resolver.alsoReturn(new AiVerdict("b", "a", "same", 0.9));

        AiTierResult result = tier.apply(List.of(ambiguous("a", "b", 0.7)), listings, ENABLED, KEY);

        assertThat(result.decisions().get(0).decision()).isEqualTo(Decision.MATCH);
    }

    @Test
    void verdicts_for_non_candidates_and_second_verdicts_are_ignored_with_a_warning() {
        List<PairDecision> decisions = List.of(ambiguous("a", "b", 0.7), ambiguous("c", "d", 0.5));
        resolver.answer("a", "b", "same", 0.9)
                .alsoReturn(new AiVerdict("a", "b", "different", 0.9))
                .alsoReturn(new AiVerdict("c", "d", "same", 0.9));

        AiTierResult result = tier.apply(decisions, listings, ENABLED, KEY);

        assertThat(result.decisions().get(0).decision()).isEqualTo(Decision.MATCH);
        assertThat(result.decisions().get(1)).isEqualTo(decisions.get(1));
        assertThat(result.warnings()).hasSize(2);
    }

    // --- usage and warnings reported by the resolver ---------------------------------------------------------

    @Test
    void the_resolvers_usage_and_warnings_reach_the_result_before_the_tiers_own_warnings() {
        AiUsage usage = new AiUsage(3, 1, 2, 1, 800, 100, 50, 0.000615);
        AmbiguousPairResolver reporting = new AmbiguousPairResolver() {
            @Override
            public List<AiVerdict> resolve(List<AiCandidate> candidates, AiConfig c,
                                           SecretString k) {
                throw new AssertionError("the tier must ask resolveWithUsage");
            }

            @Override
            public AiResolution resolveWithUsage(List<AiCandidate> candidates,
                                                 AiConfig c, SecretString k) {
                return new AiResolution(List.of(new AiVerdict("a", "b", "same", 0.9, true),
                        new AiVerdict("x", "y", "same", 0.9)), usage, List.of("AI pair (c, d) failed: HTTP 503"));
            }
        };
        List<PairDecision> decisions = List.of(ambiguous("a", "b", 0.7), ambiguous("c", "d", 0.7),
                ambiguous("e", "f", 0.7));

        AiTierResult result = new AiTier(reporting).apply(decisions, listings, ENABLED, KEY);

        assertThat(result.usage()).isEqualTo(usage);
        assertThat(result.decisions().get(0).decision()).isEqualTo(Decision.MATCH);
        assertThat(result.decisions().get(0).tier()).isEqualTo(Tier.AI_CACHED);
        assertThat(result.warnings()).hasSize(2);
        assertThat(result.warnings().get(0)).isEqualTo("AI pair (c, d) failed: HTTP 503");
        assertThat(result.warnings().get(1)).contains("not a candidate", "x", "y");
    }

    @Test
    void a_resolver_that_only_implements_resolve_reports_no_usage() {
        resolver.answer("a", "b", "same", 0.9);

        AiTierResult result = tier.apply(List.of(ambiguous("a", "b", 0.7)), listings, ENABLED, KEY);

        assertThat(resolver.calls).hasSize(1);
        assertThat(result.usage()).isEqualTo(AiUsage.NONE);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void without_a_resolver_call_the_usage_is_none() {
        resolver.failWith(new IllegalStateException("down"));

        AiTierResult failed = tier.apply(List.of(ambiguous("a", "b", 0.7)), listings, ENABLED, KEY);
        AiTierResult disabled = tier.apply(List.of(ambiguous("a", "b", 0.7)), listings, AiConfig.DEFAULT, KEY);

        assertThat(failed.usage()).isEqualTo(AiUsage.NONE);
        assertThat(disabled.usage()).isEqualTo(AiUsage.NONE);
    }

    @Test
    void usage_is_priced_with_thinking_tokens_as_output_and_rounded_to_six_decimals() { // Part A 10, B §14 A8
        assertThat(AiUsage.priced(1, 0, 1, 0, 800, 100, 0, 0.30, 2.50).costUsd()).isEqualTo(0.00049);
        AiUsage thinking = AiUsage.priced(1, 0, 1, 0, 800, 100, 50, 0.30, 2.50);
        assertThat(thinking.costUsd()).isEqualTo(0.000615);
        assertThat(thinking.totalTokens()).isEqualTo(950);
        assertThat(AiUsage.priced(1, 0, 1, 0, 1, 1, 0, 0.30, 2.50).costUsd()).isEqualTo(0.000003);
        assertThat(AiUsage.priced(2, 1, 1, 0, 0, 0, 0, 0.30, 2.50).uncachedRequests()).isEqualTo(1);
    }

    // --- each ai parameter changes the outcome ----------------------------------------------------------------

    @Test
    void a_disabled_tier_or_a_missing_key_calls_nothing() {
        List<PairDecision> decisions = List.of(ambiguous("a", "b", 0.7));
        resolver.answer("a", "b", "same", 0.9);

        AiTierResult disabled = tier.apply(decisions, listings, AiConfig.DEFAULT, KEY);
        AiTierResult noKey = tier.apply(decisions, listings, ENABLED, null);
        assertThat(resolver.calls).isEmpty();
        AiTierResult enabled = tier.apply(decisions, listings, ENABLED, KEY);

        assertThat(disabled.status()).isEqualTo(AiTierResult.Status.DISABLED);
        assertThat(disabled.decisions()).isEqualTo(decisions);
        assertThat(noKey.status()).isEqualTo(AiTierResult.Status.NO_API_KEY);
        assertThat(noKey.decisions()).isEqualTo(decisions);
        assertThat(enabled.decisions().get(0).decision()).isEqualTo(Decision.MATCH);
    }

    @ParameterizedTest(name = "threshold {0}: same at 0.7 -> {1}")
    @CsvSource({"0.6, MATCH", "0.7, MATCH", "0.71, AMBIGUOUS", "0.95, AMBIGUOUS", "0.0, MATCH"})
    void confidence_threshold_decides_which_answers_count(double threshold, Decision expected) {
        resolver.answer("a", "b", "same", 0.7);

        AiTierResult result = tier.apply(List.of(ambiguous("a", "b", 0.7)), listings,
                config(threshold, 0.65, 0.79), KEY);

        assertThat(result.decisions().get(0).decision()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "window [{0}, {1}], score {2}: candidate {3}")
    @CsvSource({
            "0.65, 0.79, 0.65, true", "0.65, 0.79, 0.79, true", "0.65, 0.79, 0.649, false",
            "0.65, 0.79, 0.791, false", "0.50, 0.79, 0.55, true", "0.70, 0.79, 0.65, false",
            "0.65, 0.60, 0.62, false", "0.40, 0.60, 0.62, false", "0.40, 0.70, 0.62, true"})
    void the_combined_score_window_selects_candidates_inclusively(double min, double max, double score,
                                                                  boolean candidate) {
        resolver.answer("a", "b", "same", 0.9);

        AiTierResult result = tier.apply(List.of(ambiguous("a", "b", score)), listings, config(0.6, min, max), KEY);

        assertThat(result.candidateCount()).isEqualTo(candidate ? 1 : 0);
        assertThat(result.decisions().get(0).decision()).isEqualTo(candidate ? Decision.MATCH : Decision.AMBIGUOUS);
    }

    @Test
    void match_and_no_match_decisions_inside_the_window_are_not_candidates() {
        List<PairDecision> decisions = List.of(match("a", "b", 0.7), noMatch("c", "d", 0.7));

        AiTierResult result = tier.apply(decisions, listings, ENABLED, KEY);

        assertThat(result.candidateCount()).isZero();
        assertThat(resolver.calls).isEmpty();
    }

    @Test
    void a_candidate_whose_listing_is_unknown_is_rejected() {
        assertThatThrownBy(() -> tier.apply(List.of(ambiguous("a", "zz", 0.7)), listings, ENABLED, KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zz");
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static AiConfig config(double threshold, double min, double max) {
        AiConfig d = AiConfig.DEFAULT;
        return new AiConfig(true, d.model(), d.temperature(), d.maxOutputTokens(), d.maxConcurrentRequests(),
                threshold, min, max, d.cacheEnabled(), d.costPer1mInputTokens(), d.costPer1mOutputTokens(),
                d.thinkingBudget());
    }

    private static Map<String, Listing> listings(String... ids) {
        Map<String, Listing> byId = new HashMap<>();
        long order = 0;
        for (String id : ids) {
            byId.put(id, new Listing(id, "src", "terminliste", "Title " + id, null, null, null, null, null, null,
                    null, null, null, null, null, null, order++));
        }
        return byId;
    }

    private static PairDecision ambiguous(String a, String b, double score) {
        return new PairDecision(a, b, new Signals(0.9, 0.5, 0.6, 0.4), score, Decision.AMBIGUOUS, Tier.DETERMINISTIC);
    }

    private static PairDecision match(String a, String b, double score) {
        return new PairDecision(a, b, new Signals(1, 1, 1, 1), score, Decision.MATCH, Tier.DETERMINISTIC);
    }

    private static PairDecision noMatch(String a, String b, double score) {
        return new PairDecision(a, b, new Signals(0, 0, 0, 0), score, Decision.NO_MATCH, Tier.DETERMINISTIC);
    }
}
